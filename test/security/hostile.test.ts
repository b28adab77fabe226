import { connect } from 'node:net';
import t, { type Test } from 'tap';
import type { InjectOptions } from 'fastify';
import { harness, linkMembers, startVerification, verify, wornTag, type Harness } from '../helpers.js';

/** A small seeded generator so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const text = (max: number) =>
    Array.from({ length: Math.floor(next() * max) }, () => String.fromCharCode(Math.floor(next() * 0x2fff))).join('');
  return { next, pick, text };
}

const PATHS = [
  '/',
  '/linked-role',
  '/linked-role/callback',
  '/linked-role/disconnect',
  '/discord/events',
  '/assets/style.css',
  '/linked-role/../../etc/passwd',
  '/%2e%2e/',
  '/linked-role/callback/',
  '/nope',
  '/linked-role%00',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;
const QUERIES = [
  'code=x&state=y',
  'state=a&state=b&code=c&code=d',
  'state[]=a&code[x]=1',
  'code=%ZZ&state=%E0%A4%A',
  `code=${'A'.repeat(5000)}&state=${'B'.repeat(5000)}`,
  'error=access_denied',
  'error=access_denied&state=',
  'iss=javascript:alert(1)&code=1&state=1',
  'code=\u0000&state=\uffff',
  '%%%&&&===',
  'code=<script>alert(1)</script>&state=x',
];
const BODIES = [
  '',
  '{',
  '{"type":1,"event":{"type":"APPLICATION_DEAUTHORIZED","data":{"user":{"id":"1"}}}}',
  'csrf=x',
  '\u0000\u0001\u0002',
  'x'.repeat(70_000),
  '[]',
  'null',
];
const TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  undefined,
];

function snapshot(h: Harness) {
  return ['members', 'job_locks', 'refresh_runs'].map((table) =>
    h.db.$client.prepare(`select * from ${table} order by 1`).all(),
  );
}

function assertSafe(t: Test, status: number, body: string, label: string) {
  if (status >= 500) t.fail(`${label}: status ${status}`);
  if (/\bat [\w.<>]+ \(|\.ts:\d+|node_modules|Error: |"stack"/.test(body))
    t.fail(`${label}: internal detail leaked: ${body.slice(0, 200)}`);
}

t.test('thousands of hostile requests: no 500, no internals, no data change', async (t) => {
  const h = await harness(t, { env: { DISCORD_PUBLIC_KEY: 'ab'.repeat(32) } });
  const users = await linkMembers(h, 2);
  const before = snapshot(h);
  const connections = users.map((u) => h.emulator.getRoleConnection(u.id));
  const rnd = random(20261121);
  const started = await startVerification(h);
  const cookies = [
    started.cookie,
    `${started.cookie}x`,
    `linked_role_state=${started.state}.1.forged`,
    `linked_role_session=${users[0]!.id}.nonce.1.sig`,
    `linked_role_state=${'x'.repeat(8000)}`,
    'linked_role_state=%ZZ; linked_role_session=%00',
    undefined,
  ];

  let sent = 0;
  for (let i = 0; i < 3_000; i += 1) {
    const method = rnd.pick(METHODS);
    const path = rnd.next() < 0.1 ? `/${encodeURIComponent(rnd.text(40))}` : rnd.pick(PATHS);
    const query = rnd.next() < 0.7 ? `?${rnd.pick(QUERIES)}` : '';
    const headers: Record<string, string> = {};
    const cookie = rnd.pick(cookies);
    if (cookie) headers.cookie = cookie;
    const type = rnd.pick(TYPES);
    if (type) headers['content-type'] = type;
    if (rnd.next() < 0.3) {
      headers['x-signature-ed25519'] = rnd.next() < 0.5 ? 'f'.repeat(128) : rnd.text(10);
      headers['x-signature-timestamp'] = rnd.next() < 0.5 ? String(Math.floor(h.clock.now / 1000)) : '-1';
    }
    if (rnd.next() < 0.1) headers.origin = 'https://evil.example';
    if (rnd.next() < 0.05) headers['x-forwarded-for'] = rnd.text(30);
    const options: InjectOptions = { method, url: `${path}${query}`, headers };
    if (method !== 'GET' && method !== 'HEAD' && rnd.next() < 0.8) options.payload = rnd.pick(BODIES);
    const res = await h.app.inject(options);
    assertSafe(t, res.statusCode, res.body, `${method} ${options.url?.toString().slice(0, 80)}`);
    sent += 1;
  }
  t.equal(sent, 3_000);
  t.same(snapshot(h), before, 'stored data unchanged');
  t.same(
    users.map((u) => h.emulator.getRoleConnection(u.id)),
    connections,
    'role connections on Discord unchanged',
  );

  // Replayed codes, even with a fresh state cookie, are refused by Discord and change nothing.
  const code = h.emulator.authorize({
    userId: users[0]!.id,
    scopes: ['identify', 'role_connections.write'],
    redirectUri: h.config.redirectUri,
  });
  const first = await startVerification(h);
  const used = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?code=${code}&state=${first.state}`,
    headers: { cookie: first.cookie },
  });
  t.equal(used.statusCode, 200);
  const afterUse = snapshot(h);
  for (let i = 0; i < 5; i += 1) {
    const s = await startVerification(h);
    const replay = await h.app.inject({
      method: 'GET',
      url: `/linked-role/callback?code=${code}&state=${s.state}`,
      headers: { cookie: s.cookie },
    });
    t.equal(replay.statusCode, 400);
  }
  t.same(snapshot(h), afterUse, 'replays changed nothing');
  t.not(JSON.stringify(afterUse), JSON.stringify(before), 'the legitimate verification did write');
});

t.test('the random phase alone leaves stored data and Discord untouched', async (t) => {
  const h = await harness(t, { env: { DISCORD_PUBLIC_KEY: 'cd'.repeat(32) } });
  const users = await linkMembers(h, 1);
  const before = snapshot(h);
  const rnd = random(7);
  for (let i = 0; i < 1_000; i += 1) {
    const res = await h.app.inject({
      method: rnd.pick(METHODS),
      url: `${rnd.pick(PATHS)}?${rnd.pick(QUERIES)}`,
      headers: {
        'content-type': rnd.pick(TYPES) ?? 'application/json',
        cookie: `linked_role_session=${users[0]!.id}.x.${h.clock.now}`,
      },
      payload: rnd.pick(BODIES),
    });
    assertSafe(t, res.statusCode, res.body, `request ${i}`);
  }
  t.same(snapshot(h), before);
  t.equal(h.emulator.calls.length, 0, 'Discord was never called');
  t.ok(h.emulator.getRoleConnection(users[0]!.id));
  t.equal(
    (await verify(h, h.emulator.addUser({ username: 'late', primary_guild: wornTag() }).id)).statusCode,
    200,
    'still serving',
  );
});

t.test('malformed HTTP on a real socket: huge headers, bad bytes, bad methods', async (t) => {
  const h = await harness(t);
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = h.app.server.address() as { port: number };
  const raw = (request: string | Buffer) =>
    new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += d.toString('latin1')));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
      socket.end(request);
    });
  const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const huge = await raw(`GET /linked-role HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
  t.equal(statusOf(huge), 431, 'headers over the limit are refused');
  const badBytes = await raw(
    Buffer.concat([
      Buffer.from('GET /linked-role/callback?state='),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ]),
  );
  t.ok([400, 404].includes(statusOf(badBytes)), `bad UTF-8 → ${statusOf(badBytes)}`);
  const method = await raw('BREW /linked-role HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  t.ok(statusOf(method) >= 400 && statusOf(method) < 500, `unknown method → ${statusOf(method)}`);
  const garbage = await raw('\u0000\u0001 garbage\r\n\r\n');
  t.equal(statusOf(garbage), 400);
  for (const answer of [huge, badBytes, method, garbage]) t.notMatch(answer, /\.ts:\d+|node_modules/);
  // What Node refuses before fastify gets the members' error page, not fastify's JSON.
  for (const [name, answer] of Object.entries({ huge, garbage })) {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    t.match(head, /\r\ncontent-type: text\/html; charset=utf-8\r\n/i, `${name}: an HTML page`);
    t.match(head, /\r\ncontent-security-policy: default-src 'none'/i, `${name}: with the pages' security headers`);
    t.match(head, /\r\nx-request-id: [0-9a-f-]{36}\r\n/i, `${name}: an id, as every answer has`);
    t.match(head, /\r\ncontent-language: en-US\r\n/i, `${name}: in English, said so`);
    // The answer was read as latin1, one character per byte: its length is the byte count.
    t.equal(Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]), body.length, `${name}: whole`);
    t.match(body, /This request could not be handled/, `${name}: says what happened`);
    t.match(body, new RegExp(`href="${h.config.verifyUrl}"`), `${name}: offers to start again`);
  }
});
