import t from 'tap';
import type { APIApplicationRoleConnectionMetadata } from 'discord-api-types/v10';
import type { CommandContext } from '../../src/admin/cli.js';
import { describeAdminError } from '../../src/admin/errors.js';
import { runRegister } from '../../src/admin/register.js';
import { METADATA_SCHEMA } from '../../src/metadata/connection.js';
import { startScript } from '../children.js';
import { CLIENT_ID, harness, type Harness, emptyDir, commandContext } from '../helpers.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function register(
  h: Harness,
  argv: string[] = [],
  extra: Partial<CommandContext> = {},
  env: Record<string, string> = {},
  schema?: readonly APIApplicationRoleConnectionMetadata[],
): Promise<Run> {
  const { context, out, err } = commandContext(
    argv,
    {
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_BOT_TOKEN: 'test-bot-token',
      DISCORD_API_URL: `${h.emulatorUrl}/api`,
      ...env,
    },
    extra,
  );
  const code = await runRegister(context, schema);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const puts = (h: Harness) =>
  h.emulator.calls.filter((c) => c.method === 'PUT' && c.route.endsWith('/role-connections/metadata')).length;
const keys = (h: Harness) => h.emulator.metadataSchema.map((r) => r.key);

t.test('first push, then nothing to change', async (t) => {
  const h = await harness(t);
  const first = await register(h);
  t.equal(first.code, 0, first.err);
  t.match(first.out, /\+ add tag_worn \(BOOLEAN_EQUAL\)/);
  t.match(first.out, /name: "Wears the server tag"/);
  t.match(first.out, /\+ add tag_streak_days \(INTEGER_GREATER_THAN_OR_EQUAL\)/);
  t.match(first.out, /Registered 3 metadata records/);
  t.same(
    keys(h),
    METADATA_SCHEMA.map((r) => r.key),
  );
  t.same(h.emulator.metadataSchema[0]?.name_localizations, METADATA_SCHEMA[0].name_localizations);

  const again = await register(h);
  t.equal(again.code, 0);
  t.match(again.out, /Nothing to change/);
  t.equal(puts(h), 1, 'no second PUT');
  t.notMatch(first.out + first.err + again.out + again.err, /test-bot-token/);
});

t.test('a change is shown field by field; --dry-run writes nothing', async (t) => {
  const h = await harness(t);
  h.emulator.metadataSchema = METADATA_SCHEMA.map((r) =>
    r.key === 'tag_worn' ? { ...r, name: 'Old name' } : { ...r },
  );
  const dry = await register(h, ['--dry-run']);
  t.equal(dry.code, 0);
  t.match(dry.out, /~ change tag_worn\n {4}name: "Old name" → "Wears the server tag"/);
  t.match(dry.out, /Dry run: nothing was written/);
  t.equal(puts(h), 0);
  const real = await register(h);
  t.equal(real.code, 0);
  t.equal(h.emulator.metadataSchema[0]?.name, 'Wears the server tag');
});

t.test('new and changed translations are listed language by language, and pushed', async (t) => {
  const h = await harness(t);
  // What an older release registered: French and German only, German worded differently.
  h.emulator.metadataSchema = METADATA_SCHEMA.map((r) => ({
    ...r,
    name_localizations: { fr: r.name_localizations.fr, de: 'Alter Name' },
    description_localizations: { fr: r.description_localizations.fr, de: r.description_localizations.de },
  }));
  const dry = await register(h, ['--dry-run']);
  t.equal(dry.code, 0, dry.err);
  t.match(dry.out, /~ change tag_worn\n {4}name_localizations\.de: "Alter Name" → "Trägt das Server-Tag"/);
  t.match(dry.out, /name_localizations\.ja: \(none\) → "サーバータグを付けている"/);
  t.match(
    dry.out,
    /description_localizations\.pt-BR: \(none\) → "O membro mostra a tag deste servidor ao lado do nome"/,
  );
  t.notMatch(dry.out, /name_localizations\.fr:/, 'unchanged languages are not listed');
  t.notMatch(dry.err, /Warning/, 'translations never endanger existing requirements');
  t.equal((await register(h)).code, 0);
  t.same(h.emulator.metadataSchema[2]?.description_localizations, METADATA_SCHEMA[2].description_localizations);
});

t.test('removing or retyping a key needs --yes', async (t) => {
  const h = await harness(t);
  const old = [
    ...METADATA_SCHEMA.map((r) => ({ ...r })),
    { key: 'legacy', name: 'Legacy', description: 'Old field', type: 7 },
  ];
  old[0] = { ...old[0]!, type: 3 };
  h.emulator.metadataSchema = old;
  const refused = await register(h);
  t.equal(refused.code, 1);
  t.match(refused.out, /- remove legacy \(BOOLEAN_EQUAL\)/);
  t.match(refused.out, /type: INTEGER_EQUAL → BOOLEAN_EQUAL/);
  t.match(refused.err, /tag_worn changes type from INTEGER_EQUAL to BOOLEAN_EQUAL/);
  t.match(refused.err, /legacy is removed/);
  t.match(refused.err, /re-run with --yes/);
  t.equal(puts(h), 0);

  const asked: string[] = [];
  const declined = await register(h, [], { interactive: true, ask: async (q) => (asked.push(q), 'n') });
  t.equal(declined.code, 1);
  t.equal(asked.length, 1);
  t.equal(puts(h), 0);

  const confirmed = await register(h, [], { interactive: true, ask: async () => 'yes' });
  t.equal(confirmed.code, 0);
  t.same(
    keys(h),
    METADATA_SCHEMA.map((r) => r.key),
  );

  h.emulator.metadataSchema = old;
  const withYes = await register(h, ['--yes']);
  t.equal(withYes.code, 0);
  t.equal(puts(h), 2);
});

t.test('--json prints only the resulting schema on standard output', async (t) => {
  const h = await harness(t);
  const run = await register(h, ['--json']);
  t.equal(run.code, 0);
  t.same(
    JSON.parse(run.out).map((r: { key: string }) => r.key),
    METADATA_SCHEMA.map((r) => r.key),
  );
  t.match(run.err, /Registered 3/);
  const noop = await register(h, ['--json']);
  t.same(JSON.parse(noop.out), h.emulator.metadataSchema);
});

t.test('local validation reports every violation before any request', async (t) => {
  const h = await harness(t);
  const bad = [
    { key: 'Bad Key', name: '', description: 'x'.repeat(201), type: 9, name_localizations: { xx: 'y' } },
    { key: 'dup', name: 'a', description: 'b', type: 1 },
    { key: 'dup', name: 'a', description: 'b', type: 1 },
    { key: 'c', name: 'a', description: 'b', type: 1 },
    { key: 'd', name: 'a', description: 'b', type: 1 },
    { key: 'e', name: 'a', description: 'b', type: 1, description_localizations: { fr: '' } },
  ] as APIApplicationRoleConnectionMetadata[];
  const run = await register(h, [], {}, {}, bad);
  t.equal(run.code, 1);
  for (const text of [
    /at most 5 records/,
    /record 1 \(Bad Key\): key must be/,
    /record 1 \(Bad Key\): type must be an integer from 1 to 8/,
    /record 1 \(Bad Key\): name must be text of 1 to 100/,
    /record 1 \(Bad Key\): description must be text of 1 to 200/,
    /name_localizations: "xx" is not a Discord locale/,
    /record 3 \(dup\): key "dup" is used twice/,
    /record 6 \(e\): description_localizations.fr must be text of 1 to 200/,
  ]) {
    t.match(run.err, text);
  }
  t.equal(h.emulator.calls.length, 0);
});

t.test('admin mistakes get one clear line and a non-zero exit', async (t) => {
  const h = await harness(t);
  const wrongToken = await register(h, [], {}, { DISCORD_BOT_TOKEN: 'not-the-token' });
  t.equal(wrongToken.code, 2, 'a wrong credential: nothing can run');
  t.match(wrongToken.err, /Discord rejected DISCORD_BOT_TOKEN \(401 Unauthorized\)/);
  t.notMatch(wrongToken.err, /not-the-token/);

  const wrongApp = await register(h, [], {}, { DISCORD_CLIENT_ID: '999999999999999999' });
  t.equal(wrongApp.code, 2, 'an application id Discord does not know is a wrong configuration');
  t.match(wrongApp.err, /does not know application DISCORD_CLIENT_ID=999999999999999999 \(404, code 10002/);

  const missing = await register(h, [], {}, { DISCORD_BOT_TOKEN: '', DISCORD_CLIENT_ID: 'x' });
  t.equal(missing.code, 2);
  t.match(missing.err, /DISCORD_BOT_TOKEN is required/);
  t.match(missing.err, /DISCORD_CLIENT_ID must be a Discord id/);

  const usage = await register(h, ['--force']);
  t.equal(usage.code, 2);
  t.match(usage.err, /Unknown option '--force'[\s\S]*Usage: npm run register/);

  const down = await register(h, [], {}, { DISCORD_API_URL: 'http://127.0.0.1:1/api' });
  t.equal(down.code, 1);
  t.match(down.err, /Could not reach Discord at http:\/\/127.0.0.1:1\/api/);
});

t.test('Discord-side 50035 errors are named by record', async (t) => {
  const h = await harness(t);
  // Skip local validation to get Discord's own answer, then translate it as register does.
  const records = [{ ...METADATA_SCHEMA[0] }, { key: 'Bad-Key', name: 'n', description: 'd', type: 7 }];
  const error = await t.rejects(h.discord.putMetadataSchema(records));
  const { message, exit } = describeAdminError(error, { records });
  t.equal(exit, 1);
  t.match(
    message,
    /^Discord refused the request \(50035 Invalid Form Body\):\n {2}- record 2 \(Bad-Key\) key: .+ \[\w+\]/,
  );
});

t.test('Discord failing is reported after retries', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'status', target: 'metadata', status: 500, times: 10 });
  const failing = await register(h, ['--yes']);
  t.equal(failing.code, 1);
  t.match(failing.err, /Discord at http:\/\/127.0.0.1:\d+\/api kept failing \(HTTP 500\)/);
});

t.test('rate limits are waited out', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'rate-limit', target: 'metadata', retryAfter: 0.2, times: 1 });
  const run = await register(h);
  t.equal(run.code, 0, run.err);
  t.match(run.err, /Discord rate limit: waiting 1 s/);
  t.same(
    keys(h),
    METADATA_SCHEMA.map((r) => r.key),
  );
});

t.test('the real script exits non-zero without hanging when it cannot ask', async (t) => {
  const h = await harness(t);
  h.emulator.metadataSchema = [{ key: 'legacy', name: 'Legacy', description: 'Old', type: 7 }];
  const run = startScript(t, 'scripts/register.ts', [], {
    env: {
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_BOT_TOKEN: 'test-bot-token',
      DISCORD_API_URL: `${h.emulatorUrl}/api`,
    },
    cwd: emptyDir(),
  });
  const code = await run.waitForExit();
  const { out, err } = run.output;
  t.equal(code, 1);
  t.match(out, /- remove legacy/);
  t.match(err, /re-run with --yes/);
  t.same(keys(h), ['legacy']);
});
