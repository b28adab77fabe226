// The setup steps beyond the basics: the event webhook (which Discord checks against the running
// service at once), the bot's presence in each tag server and the Server Members intent.
import { ApplicationWebhookEventType, type APIApplication } from 'discord-api-types/v10';
import type { Config } from '../config.js';
import type { DiscordClient } from '../discord/client.js';
import { DiscordRequestError } from '../discord/errors.js';
import { MEMBERS_INTENT_SWITCH, membersIntent } from '../discord/intents.js';
import { describeAdminError } from './errors.js';

export interface SetupStep {
  name: string;
  status: 'ok' | 'done' | 'needs-you' | 'failed' | 'skipped';
  detail: string;
}

const EVENT = ApplicationWebhookEventType.ApplicationDeauthorized;
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
  const url = `${config.publicUrl}/discord/events`;
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
    const refusedUrl =
      error instanceof DiscordRequestError &&
      JSON.stringify((error.body as { errors?: unknown } | null)?.errors ?? {}).includes('event_webhooks_url');
    return {
      name,
      status: 'failed',
      detail: refusedUrl
        ? `Discord could not verify ${url}: the running service must use DISCORD_PUBLIC_KEY=${app.verify_key}`
        : describeAdminError(error, { config }).message,
    };
  }
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
        steps.push({ name, status: 'failed', detail: describeAdminError(error, { config }).message });
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
