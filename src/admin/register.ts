// `npm run register`: pushes the metadata schema from src/metadata/connection.ts to Discord, safely: local
// validation first, then a diff against what Discord has, and a confirmation for breaking changes.
import type { APIApplicationRoleConnectionMetadata as MetadataRecord } from 'discord-api-types/v10';
import { systemClock } from '../time/clock.js';
import { loadConfig, type Config } from '../config.js';
import { createDiscordClient } from '../discord/client.js';
import { METADATA_SCHEMA } from '../metadata/connection.js';
import { parseCommandArgs, type CommandContext } from './cli.js';
import { describeAdminError, EXIT } from './errors.js';
import { syncSchema } from './schema-sync.js';

const USAGE = `Usage: npm run register -- [--dry-run] [--yes] [--json]
  --dry-run  show what would change, write nothing
  --yes      allow removing or retyping keys that servers may already use
  --json     print the resulting schema as JSON on standard output`;

/** Variables register does not need; they are checked only when set. */
export const REGISTER_OPTIONAL = [
  'DISCORD_CLIENT_SECRET',
  'PUBLIC_URL',
  'COOKIE_SECRET',
  'TAG_GUILD_IDS',
  'TOKEN_ENCRYPTION_KEY',
];

export async function runRegister(
  context: CommandContext,
  schema: readonly MetadataRecord[] = METADATA_SCHEMA,
): Promise<number> {
  const { out, err } = context;
  const parsed = parseCommandArgs<{ 'dry-run'?: boolean; yes?: boolean; json?: boolean }>(
    context,
    { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { flags } = parsed;

  let config: Config | undefined;
  try {
    config = loadConfig(context.env, { require: ['DISCORD_BOT_TOKEN'], optional: REGISTER_OPTIONAL });
    const discord = createDiscordClient(config, systemClock, {
      maxRateLimitWaitMs: 10 * 60_000,
      onRateLimit: (info) => err(`Discord rate limit: waiting ${Math.ceil(info.retryAfter / 1000)} s…`),
    });
    const result = await syncSchema(discord, schema, {
      dryRun: flags['dry-run'] ?? false,
      yes: flags.yes ?? false,
      interactive: context.interactive,
      ask: context.ask,
      // With --json, standard output carries only JSON; everything for people goes to standard error.
      say: flags.json ? err : out,
      warn: err,
    });
    if (result.outcome === 'invalid' || result.outcome === 'refused') return EXIT.failed;
    if (flags.json) out(JSON.stringify(result.schema, null, 2));
    return EXIT.ok;
  } catch (error) {
    const { message, exit } = describeAdminError(error, { config, records: schema });
    err(message);
    return exit;
  }
}
