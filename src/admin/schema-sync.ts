// The one code path that brings Discord's metadata schema in line with src/metadata/connection.ts, with its
// diff and its safety rules; used by `npm run register` and `npm run setup`.
import type { APIApplicationRoleConnectionMetadata as MetadataRecord } from 'discord-api-types/v10';
import type { DiscordClient } from '../discord/client.js';
import { diffSchema, formatDiff, isEmptyDiff, type SchemaDiff } from '../metadata/schema-diff.js';
import { validateSchema } from '../metadata/schema-rules.js';

export interface SchemaSyncOptions {
  dryRun: boolean;
  /** Allows removing or retyping keys without asking. */
  yes: boolean;
  interactive: boolean;
  ask: (question: string) => Promise<string>;
  /** Lines for people (the diff, the outcome). */
  say: (text: string) => void;
  /** Warnings and refusals. */
  warn: (text: string) => void;
}

export type SchemaSyncOutcome = 'invalid' | 'unchanged' | 'dry-run' | 'refused' | 'applied';

export interface SchemaSyncResult {
  outcome: SchemaSyncOutcome;
  /** The schema on Discord afterwards (or what it would be, for a dry run). */
  schema: readonly MetadataRecord[];
  diff?: SchemaDiff;
}

export async function syncSchema(
  discord: DiscordClient,
  schema: readonly MetadataRecord[],
  options: SchemaSyncOptions,
): Promise<SchemaSyncResult> {
  const { say, warn } = options;
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    warn(
      [
        'The metadata schema in src/metadata/connection.ts breaks Discord rules:',
        ...problems.map((p) => `  - ${p}`),
      ].join('\n'),
    );
    return { outcome: 'invalid', schema };
  }
  const current = await discord.getMetadataSchema();
  const diff = diffSchema(current, schema);
  if (isEmptyDiff(diff)) {
    say(`Nothing to change: Discord already has these ${current.length} records.`);
    return { outcome: 'unchanged', schema: current, diff };
  }
  say(`Changes to the metadata schema of application ${discord.clientId}:\n${formatDiff(diff)}`);
  if (diff.dangerous.length > 0) {
    warn(
      [
        'Warning: servers may already require these keys in their role settings; their linked roles can stop working:',
        ...diff.dangerous.map((d) => `  - ${d}`),
      ].join('\n'),
    );
  }
  if (options.dryRun) {
    say('Dry run: nothing was written.');
    return { outcome: 'dry-run', schema, diff };
  }
  if (diff.dangerous.length > 0 && !options.yes) {
    if (!options.interactive) {
      warn('Not applied: re-run with --yes to confirm these changes (no terminal to ask on).');
      return { outcome: 'refused', schema: current, diff };
    }
    const answer = await options.ask('Apply these changes? Type "yes" to confirm: ');
    if (answer.trim().toLowerCase() !== 'yes') {
      warn('Not applied.');
      return { outcome: 'refused', schema: current, diff };
    }
  }
  const result = await discord.putMetadataSchema(schema);
  say(`Registered ${result.length} metadata records with Discord.`);
  return { outcome: 'applied', schema: result, diff };
}
