import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { publicKeyHexOf, UnreachableError } from '../../src/emulator/app.js';
import { CLIENT_ID, GUILD, START, bearer, emulator, jsonInit } from './helpers.js';
import { deadUrl, receiver } from './receiver.js';

const worn = { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'ABCD', badge: 'hash' };
const sigHex = /^[0-9a-f]{128}$/;

t.test('publicKeyHexOf reads the raw 32-byte key from either half of an Ed25519 pair', async (t) => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  t.equal(publicKeyHexOf(publicKey), raw);
  t.equal(publicKeyHexOf(privateKey), raw);
  t.throws(() => publicKeyHexOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey), /Ed25519/);
});

t.test(
  'PING and events are signed with the key published as verify_key, in the envelope of the emulator README §5.2',
  async (t) => {
    const emu = await emulator(t);
    t.match(emu.state.publicKeyHex, /^[0-9a-f]{64}$/);
    t.equal(emu.state.application.verify_key, emu.state.publicKeyHex);
    const rx = await receiver(t, emu.state.publicKeyHex);

    t.same(await emu.state.sendEvent({ type: 'PING', url: rx.url }), { status: 204, body: '' });
    const ping = rx.received[0];
    t.ok(ping?.valid, 'the signature verifies with node:crypto');
    t.same(JSON.parse(ping?.body ?? ''), { version: 1, application_id: CLIENT_ID, type: 0 });
    t.match(ping?.headers, {
      'content-type': 'application/json',
      'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
      'x-signature-timestamp': String(START / 1000),
      'x-signature-ed25519': sigHex,
    });

    const user = await emu.login(['identify', 'role_connections.write']);
    emu.state.setPrimaryGuild(user.userId, worn);
    const me = await (await emu.call('/users/@me', { headers: bearer(user.access) })).json();
    emu.clock.now = START + 1234;
    await emu.state.sendEvent({ type: 'APPLICATION_AUTHORIZED', userId: user.userId, url: rx.url });
    await emu.state.sendEvent({
      type: 'APPLICATION_DEAUTHORIZED',
      userId: user.userId,
      url: rx.url,
      timestampSeconds: 42,
    });
    const [, authorized, deauthorized] = rx.received;
    t.ok(authorized?.valid);
    t.same(JSON.parse(authorized?.body ?? ''), {
      version: 1,
      application_id: CLIENT_ID,
      type: 1,
      event: {
        type: 'APPLICATION_AUTHORIZED',
        timestamp: '2026-11-01T00:00:01.234000',
        data: { integration_type: 1, scopes: ['identify', 'role_connections.write'], user: me },
      },
    });
    t.equal(authorized?.headers['x-signature-timestamp'], String(Math.floor((START + 1234) / 1000)));
    t.ok(deauthorized?.valid);
    t.equal(deauthorized?.headers['x-signature-timestamp'], '42');
    t.same(
      JSON.parse(deauthorized?.body ?? '').event.data,
      { user: me },
      'data carries the user as /users/@me shows it',
    );

    t.same(emu.state.deliveries, [
      { type: 'PING', url: rx.url, status: 204, at: START },
      { type: 'APPLICATION_AUTHORIZED', url: rx.url, status: 204, at: START + 1234 },
      { type: 'APPLICATION_DEAUTHORIZED', url: rx.url, status: 204, at: START + 1234 },
    ]);

    const stranger = emu.state.addUser({ username: 'no-grant' });
    await emu.state.sendEvent({ type: 'APPLICATION_AUTHORIZED', userId: stranger.id, url: rx.url });
    t.same(JSON.parse(rx.received[3]?.body ?? '').event.data.scopes, ['identify', 'role_connections.write']);
  },
);

t.test('each tamper mode breaks verification or drops the headers', async (t) => {
  const emu = await emulator(t);
  const strict = await receiver(t, emu.state.publicKeyHex);
  const lax = await receiver(t, emu.state.publicKeyHex, 'accept-all');
  const { id } = emu.state.addUser({ username: 'ana' });

  for (const tamper of ['signature', 'body', 'missing-headers'] as const) {
    const res = await emu.state.sendEvent({ type: 'APPLICATION_DEAUTHORIZED', userId: id, url: strict.url, tamper });
    t.equal(res.status, 401, `${tamper}: a verifying receiver refuses it`);
  }
  const stale = await emu.state.sendEvent({ type: 'PING', url: strict.url, tamper: 'stale-timestamp' });
  t.equal(stale.status, 204, 'stale-timestamp: the signature itself is good');

  for (const tamper of ['signature', 'body', 'stale-timestamp', 'missing-headers'] as const) {
    await emu.state.sendEvent({ type: 'APPLICATION_DEAUTHORIZED', userId: id, url: lax.url, tamper });
  }
  const [signature, body, old, missing] = lax.received;
  t.match(signature, { valid: false, headers: { 'x-signature-ed25519': sigHex } });
  t.match(body, { valid: false, headers: { 'x-signature-ed25519': sigHex } });
  t.equal(JSON.parse(body?.body ?? '').tampered, true, 'the body is still JSON, just not what was signed');
  t.match(old, { valid: true, headers: { 'x-signature-timestamp': String(START / 1000 - 3600) } });
  t.match(missing, { valid: false, headers: { 'x-signature-ed25519': undefined, 'x-signature-timestamp': undefined } });
  t.same(
    emu.state.deliveries.slice(-4).map((d) => [d.tamper, d.status]),
    [
      ['signature', 204],
      ['body', 204],
      ['stale-timestamp', 204],
      ['missing-headers', 204],
    ],
  );
});

t.test('sendEvent refuses bad input and rejects with UnreachableError when nobody answers', async (t) => {
  const emu = await emulator(t);
  const { id } = emu.state.addUser({ username: 'ana' });
  await t.rejects(emu.state.sendEvent({ type: 'PING' }), /no url/);
  await t.rejects(emu.state.sendEvent({ type: 'PING', url: 'ftp://example.test/' }), /http/);
  await t.rejects(emu.state.sendEvent({ type: 'PING', url: 'not a url' }), /http/);
  await t.rejects(emu.state.sendEvent({ type: 'APPLICATION_DEAUTHORIZED', url: 'http://127.0.0.1:1/' }), /userId/);
  await t.rejects(
    emu.state.sendEvent({ type: 'APPLICATION_DEAUTHORIZED', userId: '1', url: 'http://x.test/' }),
    /unknown user/,
  );
  t.same(emu.state.deliveries, [], 'refused input is not a delivery');

  const dead = await deadUrl(t);
  const failure = await emu.state
    .sendEvent({ type: 'APPLICATION_DEAUTHORIZED', userId: id, url: dead })
    .catch((e) => e);
  t.type(failure, UnreachableError);
  t.same(emu.state.deliveries, [{ type: 'APPLICATION_DEAUTHORIZED', url: dead, status: 0, at: START }]);
});

t.test('POST /_emulator/events and GET /_emulator/deliveries', async (t) => {
  const emu = await emulator(t);
  const control = (path: string, init?: RequestInit) => fetch(`${emu.url}/_emulator${path}`, init);
  const rx = await receiver(t, emu.state.publicKeyHex, 202);
  const { id } = emu.state.addUser({ username: 'ana' });

  const sent = await control(
    '/events',
    jsonInit('POST', { type: 'APPLICATION_DEAUTHORIZED', userId: id, url: rx.url }),
  );
  t.equal(sent.status, 200);
  t.same(await sent.json(), { status: 202, body: '' });
  t.ok(rx.received[0]?.valid);

  const tampered = { type: 'PING', url: rx.url, tamper: 'body', timestampSeconds: 1_700_000_000 };
  t.equal((await control('/events', jsonInit('POST', tampered))).status, 200);
  t.equal(rx.received[1]?.headers['x-signature-timestamp'], '1700000000');

  const bad = async (body: unknown, status = 400): Promise<void> => {
    const res = await control('/events', jsonInit('POST', body));
    t.equal(res.status, status, JSON.stringify(body));
    t.match(await res.json(), { message: String, code: 0 });
  };
  await bad({ type: 'MESSAGE_CREATE', url: rx.url });
  await bad({ type: 'PING', url: 5 });
  await bad({ type: 'PING', url: rx.url, userId: 5 });
  await bad({ type: 'PING', url: rx.url, tamper: 'everything' });
  await bad({ type: 'PING', url: rx.url, timestampSeconds: 1.5 });
  await bad([]);
  await bad({ type: 'PING' });
  await bad({ type: 'APPLICATION_AUTHORIZED', userId: '42', url: rx.url });
  await bad({ type: 'PING', url: await deadUrl(t) }, 502);

  const deliveries = (await (await control('/deliveries')).json()) as { status: number; tamper?: string }[];
  t.same(
    deliveries.map((d) => [d.status, d.tamper ?? null]),
    [
      [202, null],
      [202, 'body'],
      [0, null],
    ],
  );
  t.equal(((await (await control('/state')).json()) as { deliveries: number }).deliveries, 3);
});
