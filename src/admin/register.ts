// `npm run register`: pushes the metadata schema from src/metadata/connection.ts to Discord, safely: local
// validation first, then a diff against what Discord has, and a confirmation for breaking changes.
import type { APIApplicationRoleConnectionMetadata as MetadataRecord } from 'discord-api-types/v10';
import { systemClock } from '../time/clock.js';
import { createDiscordClient } from '../discord/client.js';
import { METADATA_SCHEMA } from '../metadata/connection.js';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT } from './errors.js';
import { syncSchema } from './schema-sync.js';

const USAGE = `Usage: npm run register -- [--dry-run] [--yes] [--json]
  --dry-run  show what would change, write nothing
  --yes      allow removing or retyping keys that servers may already use
  --json     print the resulting schema as JSON on standard output`;

interface Flags {
  'dry-run'?: boolean;
  yes?: boolean;
  json?: boolean;
}

export async function runRegister(
  context: CommandContext,
  schema: readonly MetadataRecord[] = METADATA_SCHEMA,
): Promise<number> {
  return runCommand<Flags>(context, {
    name: 'register',
    usage: USAGE,
    options: { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
    // Both schema routes carry DISCORD_CLIENT_ID.
    errorContext: { records: schema, clientIdRoute: true },
    run: async ({ config, flags, out, err, interactive, ask }) => {
      const discord = createDiscordClient(config, systemClock, {
        maxRateLimitWaitMs: 10 * 60_000,
        onRateLimit: (info) => err(`Discord rate limit: waiting ${Math.ceil(info.retryAfter / 1000)} s…`),
      });
      const result = await syncSchema(discord, schema, {
        dryRun: flags['dry-run'] ?? false,
        yes: flags.yes ?? false,
        interactive,
        ask,
        // With --json, standard output carries only JSON; everything for people goes to standard error.
        say: flags.json ? err : out,
        warn: err,
      });
      if (result.outcome === 'invalid' || result.outcome === 'refused') return EXIT.failed;
      if (flags.json) out(JSON.stringify(result.schema, null, 2));
      return EXIT.ok;
    },
  });
}
