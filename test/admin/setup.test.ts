import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import t, { type Test } from 'tap';
import { runRegister } from '../../src/admin/register.js';
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
import { waitFor } from '../wait-for.js';

async function setup(h: Harness, argv: string[] = [], env: Record<string, string> = {}) {
  const run = commandContext(argv, { ...harnessEnv(h), ...env });
  const code = await runSetup(run.context, h.clock);
  return { code, out: run.out.join('\n'), err: run.err.join('\n') };
}

/** Lets GET /applications/@me through, then has the next call on that route (a PATCH) answer `status`. */
async function failNextApplicationCall<T>(h: Harness, status: number, run: () => Promise<T>): Promise<T> {
  h.emulator.addFault({ kind: 'hold', target: 'application', times: 1 });
  const running = run();
  await waitFor(() => h.emulator.held.count === 1, { what: 'GET /applications/@me held by the emulator' });
  h.emulator.addFault({ kind: 'status', status, target: 'application', times: 1 });
  h.emulator.held.release();
  return running;
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * A relay in front of the emulator for answers its faults cannot give (another application's id, a
 * 50035 on a valid schema): each call goes on to the emulator, and `rewrite` may change the answer.
 * Returns the DISCORD_API_URL to use.
 */
async function relay(
  t: Test,
  h: Harness,
  rewrite: (method: string, path: string, answer: Answer) => Answer,
): Promise<string> {
  const pass = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length', 'accept-encoding'].includes(name)) {
        headers.set(name, value);
      }
    }
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const upstream = await fetch(`${h.emulatorUrl}${url}`, {
      method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const text = await upstream.text();
    const path = url
      .split('?')[0]!
      .replace(/%40/gi, '@')
      .replace(/^\/api\/v10/, '');
    const answer = rewrite(method, path, { status: upstream.status, body: text === '' ? null : JSON.parse(text) });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  };
  const listener = await loopbackListener(t);
  listener.serve(createServer((req, res) => void pass(req, res).catch(() => res.destroy())));
  return `${listener.url}/api`;
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
    new RegExp(
      `- skipped\\s+Public key: DISCORD_PUBLIC_KEY is not set; only webhook events need it: set DISCORD_PUBLIC_KEY=${h.emulator.publicKeyHex}`,
    ),
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

t.test('bad arguments with --json: the usage on standard error, a failed checklist on standard output', async (t) => {
  const h = await harness(t);
  for (const argv of [
    ['--json', '--bogus'],
    ['--bogus', '--json'],
    ['--json', 'stray'],
  ]) {
    const run = await setup(h, argv);
    t.equal(run.code, 2, argv.join(' '));
    t.match(run.err, /^Unknown option '--bogus'|^Unexpected argument 'stray'/);
    t.match(run.err, /\nUsage: npm run setup -- \[--check\]/);
    const problem = argv.includes('stray') ? /Unexpected argument 'stray'/ : /Unknown option '--bogus'/;
    t.match(JSON.parse(run.out), {
      steps: [{ name: 'Arguments', status: 'failed', detail: problem }],
      complete: false,
    });
    t.equal(JSON.parse(run.out).steps.length, 1);
  }
  const plain = await setup(h, ['--bogus']);
  t.equal(plain.code, 2);
  t.equal(plain.out, '', 'no checklist without --json');
  t.equal(h.emulator.calls.length, 0, 'nothing was asked of Discord');
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
  t.match(run.out, /✖ failed\s+Event webhooks: Discord refused the request \(50035 Invalid Form Body\):/);
  t.match(
    run.out,
    /\n {2}- event_webhooks_url: The specified webhook URL could not be verified\. \[APPLICATION_WEBHOOK_URL_INVALID\]/,
  );
  t.match(
    run.out,
    new RegExp(
      `Discord could not verify .*: the service answering there must run with DISCORD_PUBLIC_KEY=${h.emulator.publicKeyHex}`,
    ),
  );

  // With setup's own key wrong too, the hint says which key to set.
  const both = await setup(h, ['--webhooks'], { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) });
  t.equal(both.code, 1);
  t.match(both.out, /- event_webhooks_url: The specified webhook URL could not be verified\./);
  t.match(
    both.out,
    new RegExp(
      `Discord's check of .* needs the service to verify with the application's key: set DISCORD_PUBLIC_KEY=${h.emulator.publicKeyHex} for the service`,
    ),
  );
});

t.test('a webhook URL Discord refuses for its form shows Discord’s reasons, and no key hint', async (t) => {
  // Something that answers at PUBLIC_URL/healthz, so setup goes on to the PATCH.
  const service = await loopbackListener(t);
  service.serve(createServer((_req, res) => res.end('ok')));
  // Over Discord's 2048 characters once /discord/events is added.
  const publicUrl = `${service.url}/${'p'.repeat(2040)}`;
  const h = await harness(t);
  const run = await setup(h, ['--webhooks'], { PUBLIC_URL: publicUrl });
  t.equal(run.code, 1);
  t.match(
    run.out,
    /✖ failed\s+Event webhooks: Discord refused the request \(50035 Invalid Form Body\):\n {2}- event_webhooks_url: Not a well formed URL\. \[URL_TYPE_INVALID_URL\]/,
  );
  t.notMatch(run.out, /DISCORD_PUBLIC_KEY=/, 'DISCORD_PUBLIC_KEY is the application key: nothing to say about it');
  t.equal(h.emulator.application.event_webhooks_url, null);
});

t.test('credentials or ids Discord refuses exit 2 in every step, as in register', async (t) => {
  const h = await harness(t, { listen: true });
  h.emulator.addFault({ kind: 'status', status: 404, target: 'metadata', times: 1 });
  const schema404 = await setup(h);
  t.equal(schema404.code, 2);
  t.match(
    schema404.out,
    new RegExp(
      `✖ failed\\s+Metadata schema: Discord does not know application DISCORD_CLIENT_ID=${h.config.clientId} \\(404, code 0`,
    ),
  );
  h.emulator.addFault({ kind: 'status', status: 404, target: 'metadata', times: 1 });
  const register = commandContext([], harnessEnv(h));
  t.equal(await runRegister(register.context), 2, 'register exits 2 on the same answer');

  h.emulator.addFault({ kind: 'status', status: 401, target: 'guild', times: 1 });
  const guild401 = await setup(h);
  t.equal(guild401.code, 2);
  t.match(
    guild401.out,
    new RegExp(`✖ failed\\s+Bot in server ${GUILD_ID}: Discord rejected DISCORD_BOT_TOKEN \\(401 Unauthorized\\)`),
  );

  // The verification URL is set by now, so the next PATCH is the webhook's.
  t.equal(h.emulator.application.role_connections_verification_url, `${h.appUrl}/linked-role`);
  const webhook401 = await failNextApplicationCall(h, 401, () => setup(h, ['--webhooks']));
  t.equal(webhook401.code, 2);
  t.match(webhook401.out, /✖ failed\s+Event webhooks: Discord rejected DISCORD_BOT_TOKEN \(401 Unauthorized\)/);
  t.equal(h.emulator.application.event_webhooks_url, null);
});

t.test('a bot token of another application exits 2', async (t) => {
  const h = await harness(t);
  const other = '999999999999999999';
  const api = await relay(t, h, (method, path, answer) =>
    method === 'GET' && path === '/applications/@me'
      ? { ...answer, body: { ...(answer.body as object), id: other } }
      : answer,
  );
  const run = await setup(h, [], { DISCORD_API_URL: api });
  t.equal(run.code, 2);
  t.match(run.out, new RegExp(`✖ failed\\s+Application: DISCORD_BOT_TOKEN belongs to application ${other}`));
});

t.test('an application object without redirect_uris leaves that check to the portal, without failing', async (t) => {
  const h = await harness(t);
  const api = await relay(t, h, (method, path, answer) => {
    if (method !== 'GET' || path !== '/applications/@me') return answer;
    const { redirect_uris: _left, ...rest } = answer.body as { redirect_uris?: string[] };
    return { ...answer, body: rest };
  });
  const run = await setup(h, [], { DISCORD_API_URL: api });
  t.equal(run.code, 0, run.out);
  t.match(
    run.out,
    new RegExp(
      `- skipped\\s+Redirect URI: Discord did not list .* has: ${h.config.redirectUri.replaceAll('/', '\\/')}`,
    ),
  );
  const listed = await setup(h, []);
  t.match(listed.out, /✔ ok\s+Redirect URI/, 'listed, it is checked');
});

t.test('Discord’s 50035 on the schema names each record by key, as register does', async (t) => {
  const h = await harness(t);
  const invalid = {
    code: 50035,
    message: 'Invalid Form Body',
    errors: {
      1: { key: { _errors: [{ code: 'STRING_TYPE_REGEX', message: 'String value did not match validation regex.' }] } },
    },
  };
  const api = await relay(t, h, (method, path, answer) =>
    method === 'PUT' && path.endsWith('/role-connections/metadata') ? { status: 400, body: invalid } : answer,
  );
  const run = await setup(h, [], { DISCORD_API_URL: api });
  t.equal(run.code, 1);
  t.match(
    run.out,
    /✖ failed\s+Metadata schema: Discord refused the request \(50035 Invalid Form Body\):\n {2}- record 2 \(tag_streak_days\) key: String value did not match validation regex\. \[STRING_TYPE_REGEX\]/,
  );
});

t.test('a 404 on a route without the client id is not called an unknown application', async (t) => {
  const h = await harness(t);
  const run = await failNextApplicationCall(h, 404, () => setup(h));
  t.equal(run.code, 1);
  t.match(run.out, /✖ failed\s+Verification URL: Discord found nothing there \(404, code 0: 404: Not Found\)\./);
  t.notMatch(run.out, /does not know application/);
});

t.test('DISCORD_PUBLIC_KEY unset is skipped until the webhooks are asked for', async (t) => {
  const h = await harness(t, { listen: true });
  const plain = await setup(h, [], { DISCORD_PUBLIC_KEY: '' });
  t.equal(plain.code, 0);
  t.match(
    plain.out,
    new RegExp(
      `- skipped\\s+Public key: DISCORD_PUBLIC_KEY is not set; only webhook events need it: set DISCORD_PUBLIC_KEY=${h.emulator.publicKeyHex}`,
    ),
  );
  const json = await setup(h, ['--json'], { DISCORD_PUBLIC_KEY: '' });
  t.equal(json.code, 0);
  t.equal(JSON.parse(json.out).complete, true);

  const webhooks = await setup(h, ['--webhooks'], { DISCORD_PUBLIC_KEY: '' });
  t.equal(webhooks.code, 1);
  t.match(webhooks.out, /✖ needs you\s+Public key: DISCORD_PUBLIC_KEY is not set; set DISCORD_PUBLIC_KEY=/);

  // Discord now sends events here (the service has the key): setup's copy is needed too.
  t.equal(h.emulator.application.event_webhooks_url, `${h.appUrl}/discord/events`);
  const after = await setup(h, [], { DISCORD_PUBLIC_KEY: '' });
  t.equal(after.code, 1);
  t.match(after.out, /✖ needs you\s+Public key: DISCORD_PUBLIC_KEY is not set/);
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
