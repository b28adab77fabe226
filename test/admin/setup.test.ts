import t from 'tap';
import { runSetup } from '../../src/admin/setup.js';
import {
  commandContext,
  loopbackListener,
  GUILD_ID,
  harness,
  harnessEnv,
  OTHER_GUILD_ID,
  type Harness,
} from '../helpers.js';

async function setup(h: Harness, argv: string[] = [], env: Record<string, string> = {}) {
  const run = commandContext(argv, { ...harnessEnv(h), ...env });
  const code = await runSetup(run.context, h.clock);
  return { code, out: run.out.join('\n'), err: run.err.join('\n') };
}
const writes = (h: Harness) => h.emulator.calls.filter((c) => c.method === 'PATCH' || c.method === 'PUT').length;

t.test('a fresh application is set up completely, and a second run changes nothing', async (t) => {
  const h = await harness(t, { listen: true });
  const first = await setup(h, ['--webhooks']);
  t.equal(first.code, 0, first.out + first.err);
  t.match(first.out, /✔ done\s+Verification URL: set to http:\/\/127\.0\.0\.1:\d+\/linked-role/);
  t.match(
    first.out,
    /✔ done\s+Event webhooks: http:\/\/127\.0\.0\.1:\d+\/discord\/events, enabled, APPLICATION_DEAUTHORIZED/,
  );
  t.match(first.out, /✔ done\s+Metadata schema: registered 3 records/);
  t.match(first.out, /✔ ok\s+Redirect URI/);
  t.match(first.out, /✔ ok\s+Public key/);
  t.match(first.out, /✔ ok\s+Server Members intent: on \(below the 10,000-user review threshold/);
  t.match(first.out, new RegExp(`✔ ok\\s+Bot in server ${GUILD_ID}: Tag Club`));
  t.match(first.out, /Server Settings → Roles → pick a role → Links → Add requirement/);
  t.match(h.emulator.application, {
    role_connections_verification_url: `${h.appUrl}/linked-role`,
    event_webhooks_url: `${h.appUrl}/discord/events`,
    event_webhooks_status: 2,
    event_webhooks_types: ['APPLICATION_DEAUTHORIZED'],
  });
  t.equal(h.emulator.metadataSchema.length, 3);

  const before = writes(h);
  const second = await setup(h, ['--webhooks']);
  t.equal(second.code, 0);
  t.notMatch(second.out, /done/);
  t.equal(writes(h), before, 'no PATCH or PUT on a second run');

  const json = await setup(h, ['--json', '--webhooks']);
  const parsed = JSON.parse(json.out);
  t.equal(parsed.complete, true);
  t.ok(parsed.steps.every((s: { status: string }) => s.status === 'ok'));
});

t.test('--check changes nothing and lists what setup would do', async (t) => {
  const h = await harness(t, { listen: true });
  const check = await setup(h, ['--check', '--webhooks']);
  t.equal(check.code, 1);
  t.match(check.out, /✖ needs you\s+Verification URL: would be set to/);
  t.match(check.out, /✖ needs you\s+Event webhooks: would point to/);
  t.match(check.out, /✖ needs you\s+Metadata schema: Discord differs/);
  t.equal(writes(h), 0);
});

t.test('problems an admin must fix are named with the exact fix', async (t) => {
  const h = await harness(t, { env: { TAG_GUILD_IDS: `${GUILD_ID},${OTHER_GUILD_ID}` } });
  const missingRedirect = await setup(h, [], { PUBLIC_URL: 'https://roles.example.org', DISCORD_PUBLIC_KEY: '' });
  t.equal(missingRedirect.code, 1);
  t.match(
    missingRedirect.out,
    /✖ needs you\s+Redirect URI: add this line in the developer portal → OAuth2 → Redirects \(the API cannot\): https:\/\/roles\.example\.org\/linked-role\/callback/,
  );
  t.match(
    missingRedirect.out,
    new RegExp(`DISCORD_PUBLIC_KEY is not set; set DISCORD_PUBLIC_KEY=${h.emulator.publicKeyHex}`),
  );
  t.match(
    missingRedirect.out,
    new RegExp(
      `✖ needs you\\s+Bot in server ${OTHER_GUILD_ID}: the bot is not in this server; a server admin opens .*client_id=${h.config.clientId}&scope=bot&permissions=0&guild_id=${OTHER_GUILD_ID}&disable_guild_select=true`,
    ),
  );

  const wrongKey = await setup(h, [], { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) });
  t.match(wrongKey.out, /DISCORD_PUBLIC_KEY differs from the application key/);

  // A wrong id or secret is caught first, before anything else is read or written.
  const wrongCredentials: Record<string, string>[] = [
    { DISCORD_CLIENT_ID: '999999999999999999' },
    { DISCORD_CLIENT_SECRET: 'reset-in-the-portal' },
  ];
  for (const env of wrongCredentials) {
    const before = h.emulator.calls.length;
    const wrong = await setup(h, ['--check'], env);
    t.equal(wrong.code, 2, 'credentials Discord refuses: 2, as for every command');
    t.match(
      wrong.out,
      /✖ failed\s+Client secret: Discord refused the application's client credentials \(invalid_client\)\. Set DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET/,
    );
    t.notMatch(wrong.out, /Application:|Verification URL|Metadata schema/, 'nothing else ran');
    t.same(
      h.emulator.calls.slice(before).map((c) => c.route),
      ['/oauth2/token/revoke'],
    );
    t.notMatch(wrong.out + wrong.err, /reset-in-the-portal/);
  }

  const wrongToken = await setup(h, [], { DISCORD_BOT_TOKEN: 'nope' });
  t.equal(wrongToken.code, 2);
  t.match(wrongToken.out, /✖ failed\s+Application: Discord rejected DISCORD_BOT_TOKEN \(401 Unauthorized\)/);
  t.notMatch(wrongToken.out + wrongToken.err, /nope/);

  const badConfig = await setup(h, [], { COOKIE_SECRET: 'short', DISCORD_BOT_TOKEN: '' });
  t.equal(badConfig.code, 2);
  t.match(badConfig.err, /COOKIE_SECRET must be at least 32/);
  t.match(badConfig.err, /DISCORD_BOT_TOKEN is required \(Bot → Token in the developer portal\)/);
  t.equal(badConfig.out, '', 'no checklist without --json');
  const asJson = await setup(h, ['--check', '--json'], { COOKIE_SECRET: 'short' });
  t.equal(asJson.code, 2);
  t.match(JSON.parse(asJson.out), {
    steps: [{ name: 'Configuration', status: 'failed', detail: /COOKIE_SECRET must be at least 32/ }],
    complete: false,
  });
});

t.test('--webhooks with the service unreachable explains and skips that step', async (t) => {
  // A port held by this test, where nothing answers: every connection is closed at once.
  const nobody = (await loopbackListener(t)).url;
  const h = await harness(t, { env: { PUBLIC_URL: nobody } });
  const run = await setup(h, ['--webhooks']);
  t.equal(run.code, 1);
  t.ok(run.out.includes(`Event webhooks: the service does not answer at ${nobody}/healthz`), run.out);
  t.match(run.out, /- skipped\s+Event webhooks/);
  t.equal(h.emulator.application.event_webhooks_url, null);
  t.match(run.out, /✔ done\s+Verification URL/, 'the other steps still ran');
});

t.test('a service with the wrong public key fails Discord’s webhook check', async (t) => {
  const h = await harness(t, { listen: true, env: { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) } });
  const run = await setup(h, ['--webhooks'], { DISCORD_PUBLIC_KEY: h.emulator.publicKeyHex });
  t.equal(run.code, 1);
  t.match(
    run.out,
    new RegExp(`✖ failed\\s+Event webhooks: Discord could not verify .*DISCORD_PUBLIC_KEY=${h.emulator.publicKeyHex}`),
  );
});

t.test('the Server Members intent: approved is ok, off needs the portal switch', async (t) => {
  const h = await harness(t, { listen: true });
  h.emulator.updateApplication({ flags: 1 << 14 });
  t.match((await setup(h, ['--check'])).out, /✔ ok\s+Server Members intent: approved/);
  h.emulator.updateApplication({ flags: 0 });
  const off = await setup(h, ['--check']);
  t.equal(off.code, 1);
  t.match(
    off.out,
    /✖ needs you\s+Server Members intent: switch it on: developer portal → Bot → Privileged Gateway Intents → Server Members Intent/,
  );
});
