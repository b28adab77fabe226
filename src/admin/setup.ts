// `npm run setup`: checks and configures the Discord application from one command, and ends with a
// checklist of what is done, what needs the admin, and what failed. Safe to run again at any time.
import { ApplicationWebhookEventStatus, type APIApplication } from 'discord-api-types/v10';
import { systemClock, type Clock } from '../time/clock.js';
import type { Config } from '../config.js';
import { createDiscordClient, type DiscordClient } from '../discord/client.js';
import { METADATA_SCHEMA } from '../metadata/connection.js';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT } from './errors.js';
import { syncSchema } from './schema-sync.js';
import {
  checkGuilds,
  checkWebhooks,
  failedStep,
  membersIntentStep,
  settled,
  webhookUrl,
  type SetupStep,
} from './setup-steps.js';

const USAGE = `Usage: npm run setup -- [--check] [--webhooks] [--yes] [--json]
  --check     read everything and print the checklist, change nothing
  --webhooks  also point Discord's event webhooks at PUBLIC_URL/discord/events
  --yes       allow metadata changes that remove or retype keys
  --json      print the checklist as JSON`;

const NEXT_STEPS = `Next, in each server: Server Settings → Roles → pick a role → Links → Add requirement → choose this
application and a condition such as "Wears the server tag". Members then link from the server's Linked Roles menu.`;

const STATUS_MARK: Record<SetupStep['status'], string> = {
  ok: '✔ ok',
  done: '✔ done',
  'needs-you': '✖ needs you',
  failed: '✖ failed',
  skipped: '- skipped',
};

interface Flags {
  check?: boolean;
  webhooks?: boolean;
  yes?: boolean;
  json?: boolean;
}

export async function runSetup(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  return runCommand<Flags>(context, {
    name: 'setup',
    usage: USAGE,
    options: {
      check: { type: 'boolean' },
      webhooks: { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    // --json promises a checklist on standard output, even when the first step fails: the arguments
    // (the usage stays on standard error) or the configuration.
    onUsageError: (message, flags, { out }) => {
      if (flags.json) out(failedChecklist('Arguments', message));
    },
    onConfigError: (error, flags, { out }) => {
      if (flags.json) out(failedChecklist('Configuration', error.problems.join('; ')));
    },
    run: async (input) => {
      const { config, flags, out } = input;
      const say = flags.json ? input.err : out;
      const discord = createDiscordClient(config, clock, { maxRateLimitWaitMs: 60_000 });
      const steps = await runSteps(config, discord, { ...input, say }, flags);
      const complete = steps.every(settled);
      if (flags.json) {
        const listed = steps.map(({ name, status, detail }) => ({ name, status, detail }));
        out(JSON.stringify({ steps: listed, complete }, null, 2));
      } else {
        out('\nChecklist:');
        for (const step of steps) out(`  ${STATUS_MARK[step.status].padEnd(12)} ${step.name}: ${step.detail}`);
        out(`\n${NEXT_STEPS}`);
      }
      // Credentials Discord refuses make the service unusable, as for every command (README "Exit codes").
      if (steps.some((s) => s.refused)) return EXIT.unusable;
      // A skipped step (the webhook while the service is down) still waits for the admin, unless it
      // was skipped because the admin did not ask for it.
      return complete ? EXIT.ok : EXIT.failed;
    },
  });
}

/** The --json checklist of a setup that could not begin: one failed step. */
const failedChecklist = (name: string, detail: string) =>
  JSON.stringify({ steps: [{ name, status: 'failed', detail }], complete: false }, null, 2);

async function runSteps(
  config: Config,
  discord: DiscordClient,
  context: CommandContext & { say: (text: string) => void },
  flags: { check?: boolean; webhooks?: boolean; yes?: boolean },
): Promise<SetupStep[]> {
  const steps: SetupStep[] = [{ name: 'Configuration', status: 'ok', detail: 'every variable is valid' }];
  const fail = (name: string, error: unknown) => failedStep(name, error, config);

  // First of all: with a wrong client secret every member's next sign-in and refresh would fail.
  try {
    await discord.checkClientCredentials();
    steps.push({
      name: 'Client secret',
      status: 'ok',
      detail: 'Discord accepts DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET',
    });
  } catch (error) {
    return [...steps, fail('Client secret', error)];
  }

  let app: APIApplication;
  try {
    app = await discord.getApplication();
  } catch (error) {
    return [...steps, fail('Application', error)];
  }
  if (app.id !== config.clientId) {
    return [
      ...steps,
      {
        name: 'Application',
        status: 'failed',
        detail: `DISCORD_BOT_TOKEN belongs to application ${app.id}, but DISCORD_CLIENT_ID is ${config.clientId}; use the bot token of this application`,
        refused: true,
      },
    ];
  }
  steps.push({ name: 'Application', status: 'ok', detail: `${app.name} (${app.id})` });

  steps.push(publicKeyStep(config, app, flags.webhooks ?? false));

  steps.push(redirectUriStep(config, app));

  steps.push(membersIntentStep(app));

  const verificationUrl = config.verifyUrl;
  if (app.role_connections_verification_url === verificationUrl) {
    steps.push({ name: 'Verification URL', status: 'ok', detail: verificationUrl });
  } else if (flags.check) {
    steps.push({
      name: 'Verification URL',
      status: 'needs-you',
      detail: `would be set to ${verificationUrl} (run without --check)`,
    });
  } else {
    try {
      await discord.patchApplication({ role_connections_verification_url: verificationUrl });
      steps.push({ name: 'Verification URL', status: 'done', detail: `set to ${verificationUrl}` });
    } catch (error) {
      steps.push(fail('Verification URL', error));
    }
  }

  if (flags.webhooks) steps.push(await checkWebhooks(config, discord, app, flags.check ?? false));

  try {
    const result = await syncSchema(discord, METADATA_SCHEMA, {
      dryRun: flags.check ?? false,
      yes: flags.yes ?? false,
      interactive: context.interactive,
      ask: context.ask,
      say: context.say,
      warn: context.err,
    });
    const detail = {
      unchanged: ['ok', `${result.schema.length} records, as in src/metadata/connection.ts`],
      applied: ['done', `registered ${result.schema.length} records`],
      'dry-run': ['needs-you', 'Discord differs from src/metadata/connection.ts (run without --check)'],
      refused: ['needs-you', 'the change removes or retypes keys: run again with --yes'],
      invalid: ['failed', 'src/metadata/connection.ts breaks Discord rules'],
    } as const;
    const [status, text] = detail[result.outcome];
    steps.push({ name: 'Metadata schema', status, detail: text });
  } catch (error) {
    steps.push(failedStep('Metadata schema', error, config, { records: METADATA_SCHEMA, clientIdRoute: true }));
  }

  steps.push(...(await checkGuilds(config, discord)));
  return steps;
}

/**
 * Only webhook events need DISCORD_PUBLIC_KEY (README "Configuration"): unset, it waits for the admin
 * only when they ask for the webhooks, or when Discord already sends events to this service.
 */
function publicKeyStep(config: Config, app: APIApplication, webhooks: boolean): SetupStep {
  const name = 'Public key';
  const key = app.verify_key.toLowerCase();
  if (config.discordPublicKey === key) {
    return { name, status: 'ok', detail: 'DISCORD_PUBLIC_KEY matches the application' };
  }
  if (config.discordPublicKey) {
    return {
      name,
      status: 'needs-you',
      detail: `DISCORD_PUBLIC_KEY differs from the application key; set DISCORD_PUBLIC_KEY=${key}`,
    };
  }
  const eventsHere =
    app.event_webhooks_url === webhookUrl(config) &&
    app.event_webhooks_status === ApplicationWebhookEventStatus.Enabled;
  if (webhooks || eventsHere) {
    return { name, status: 'needs-you', detail: `DISCORD_PUBLIC_KEY is not set; set DISCORD_PUBLIC_KEY=${key}` };
  }
  return {
    name,
    status: 'skipped',
    optional: true,
    detail: `DISCORD_PUBLIC_KEY is not set; only webhook events need it: set DISCORD_PUBLIC_KEY=${key}, then run npm run setup -- --webhooks once the service answers`,
  };
}

/** The application object may leave out `redirect_uris`: then only the portal can tell. */
function redirectUriStep(config: Config, app: APIApplication): SetupStep {
  const name = 'Redirect URI';
  const where = 'the developer portal → OAuth2 → Redirects (the API cannot)';
  if (app.redirect_uris === undefined) {
    return {
      name,
      status: 'skipped',
      optional: true,
      detail: `Discord did not list the application's redirect URIs; make sure ${where} has: ${config.redirectUri}`,
    };
  }
  return app.redirect_uris.includes(config.redirectUri)
    ? { name, status: 'ok', detail: config.redirectUri }
    : { name, status: 'needs-you', detail: `add this line in ${where}: ${config.redirectUri}` };
}
