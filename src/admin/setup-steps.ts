// The setup steps beyond the basics: the event webhook (which Discord checks against the running
// service at once), the bot's presence in each tag server and the Server Members intent; and how
// any step's failure is worded and classed.
import { ApplicationWebhookEventType, type APIApplication } from 'discord-api-types/v10';
import type { Config } from '../config.js';
import type { DiscordClient } from '../discord/client.js';
import { DiscordRequestError } from '../discord/errors.js';
import { flattenFormErrors } from '../discord/form-errors.js';
import { MEMBERS_INTENT_SWITCH, membersIntent } from '../discord/intents.js';
import { describeAdminError, EXIT, type AdminErrorContext } from './errors.js';

export interface SetupStep {
  name: string;
  status: 'ok' | 'done' | 'needs-you' | 'failed' | 'skipped';
  detail: string;
  /** Discord refused our credentials or configuration: setup exits 2, as every command does. */
  refused?: boolean;
  /** Skipped because the admin did not ask for it: no reason to exit non-zero. */
  optional?: boolean;
}

/** Whether a step leaves nothing for the admin to do. */
export const settled = (step: SetupStep): boolean =>
  step.status === 'ok' || step.status === 'done' || (step.status === 'skipped' && step.optional === true);

/** A step that failed on `error`, worded and classed as every admin command words and classes it. */
export function failedStep(
  name: string,
  error: unknown,
  config: Config,
  context: Omit<AdminErrorContext, 'config'> = {},
): SetupStep {
  const { message, exit } = describeAdminError(error, { ...context, config });
  return { name, status: 'failed', detail: message, ...(exit === EXIT.unusable ? { refused: true } : {}) };
}

const EVENT = ApplicationWebhookEventType.ApplicationDeauthorized;

/** Where Discord is to send this service's webhook events. */
export const webhookUrl = (config: Pick<Config, 'publicUrl'>): string => `${config.publicUrl}/discord/events`;
const ENABLED = 2;

/** Whether the service answers at PUBLIC_URL (Discord pings a new webhook URL immediately). */
async function reachable(publicUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${publicUrl}/healthz`, { signal: AbortSignal.timeout(3_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function checkWebhooks(
  config: Config,
  discord: DiscordClient,
  app: APIApplication,
  check: boolean,
): Promise<SetupStep> {
  const name = 'Event webhooks';
  const url = webhookUrl(config);
  const types = app.event_webhooks_types ?? [];
  if (app.event_webhooks_url === url && app.event_webhooks_status === ENABLED && types.includes(EVENT)) {
    return { name, status: 'ok', detail: `${url}, enabled, ${EVENT}` };
  }
  if (check) return { name, status: 'needs-you', detail: `would point to ${url} with ${EVENT} (run without --check)` };
  if (!(await reachable(config.publicUrl))) {
    return {
      name,
      status: 'skipped',
      detail: `the service does not answer at ${config.publicUrl}/healthz, and Discord checks the webhook URL at once; start the service, then run npm run setup -- --webhooks again`,
    };
  }
  try {
    await discord.patchApplication({
      event_webhooks_url: url,
      event_webhooks_status: ENABLED,
      event_webhooks_types: [...new Set([...types, EVENT])],
    });
    return { name, status: 'done', detail: `${url}, enabled, ${EVENT}` };
  } catch (error) {
    const step = failedStep(name, error, config);
    const hint = publicKeyHint(error, config, app.verify_key.toLowerCase(), url);
    return hint ? { ...step, detail: `${step.detail}\n  ${hint}` } : step;
  }
}

/**
 * What to do about the key when Discord refused the webhook URL: nothing when Discord objects to the
 * URL's form (malformed, too long) and DISCORD_PUBLIC_KEY is the application's key.
 */
function publicKeyHint(error: unknown, config: Config, key: string, url: string): string | undefined {
  if (!(error instanceof DiscordRequestError) || error.code !== 50035) return undefined;
  const rows = flattenFormErrors((error.body as { errors?: unknown } | null)?.errors).filter(
    (row) => row.path[0] === 'event_webhooks_url',
  );
  if (rows.length === 0) return undefined;
  if (config.discordPublicKey !== key) {
    return `Discord's check of ${url} needs the service to verify with the application's key: set DISCORD_PUBLIC_KEY=${key} for the service, restart it, then run npm run setup -- --webhooks again.`;
  }
  // Field-format codes (BASE_TYPE_MAX_LENGTH, URL_TYPE_INVALID_URL, ...) are about the URL itself.
  if (rows.every((row) => /^(BASE|URL|STRING)_TYPE_/.test(row.code))) return undefined;
  return `Discord could not verify ${url}: the service answering there must run with DISCORD_PUBLIC_KEY=${key} as this setup does (restart it after changing the key).`;
}

export async function checkGuilds(config: Config, discord: DiscordClient): Promise<SetupStep[]> {
  const steps: SetupStep[] = [];
  for (const guildId of config.tagGuildIds) {
    const name = `Bot in server ${guildId}`;
    try {
      const guild = await discord.getGuild(guildId);
      steps.push({ name, status: 'ok', detail: guild.name });
    } catch (error) {
      if (error instanceof DiscordRequestError && (error.status === 403 || error.status === 404)) {
        const link = new URL(config.discordAuthorizeUrl);
        link.search = new URLSearchParams({
          client_id: config.clientId,
          scope: 'bot',
          permissions: '0',
          guild_id: guildId,
          disable_guild_select: 'true',
        }).toString();
        steps.push({
          name,
          status: 'needs-you',
          detail: `the bot is not in this server; a server admin opens ${link.href}`,
        });
      } else {
        steps.push(failedStep(name, error, config));
      }
    }
  }
  return steps;
}

/** Live updates and the member lists need the Server Members intent, which only the portal switches on. */
export function membersIntentStep(app: APIApplication): SetupStep {
  const name = 'Server Members intent';
  switch (membersIntent(app.flags)) {
    case 'approved':
      return { name, status: 'ok', detail: 'approved for this application' };
    case 'limited':
      return {
        name,
        status: 'ok',
        detail: 'on (below the 10,000-user review threshold; apply for it before you pass it)',
      };
    default:
      return {
        name,
        status: 'needs-you',
        detail: `switch it on: ${MEMBERS_INTENT_SWITCH}. Without it tag changes wait for npm run refresh, which then reads every member with their own token`,
      };
  }
}
