import { generateKeyPairSync, sign } from 'node:crypto';
import t, { type Test } from 'tap';
import { harness, linkMembers, verify, type Harness } from '../helpers.js';
import { waitFor } from '../wait-for.js';

/** A harness whose DISCORD_PUBLIC_KEY is a key of our own, to sign bodies the emulator would never send. */
async function ownKeyHarness(t: Test) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const h = await harness(t, { env: { DISCORD_PUBLIC_KEY: hex } });
  const signed = (body: string, seconds = Math.floor(h.clock.now / 1000)) => {
    const timestamp = String(seconds);
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
    return h.app.inject({
      method: 'POST',
      url: '/discord/events',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': signature,
        'x-signature-timestamp': timestamp,
      },
      payload: body,
    });
  };
  return { h, signed };
}

/** Discord's event date: UTC with microseconds and no zone suffix. */
const discordTime = (ms: number) => new Date(ms).toISOString().replace('Z', '000');
const deauthorized = (userId: string, at?: number) =>
  JSON.stringify({
    version: 1,
    application_id: '123456789012345678',
    type: 1,
    event: {
      type: 'APPLICATION_DEAUTHORIZED',
      ...(at === undefined ? {} : { timestamp: discordTime(at) }),
      data: { user: { id: userId, username: 'm' } },
    },
  });
const status = (h: Harness, userId: string) => h.members.get(userId)?.linkStatus;

t.test('signed PING is answered 204; tampered requests get 401', async (t) => {
  const h = await harness(t, { listen: true });
  const url = `${h.appUrl}/discord/events`;
  const ping = await h.emulator.sendEvent({ type: 'PING', url });
  t.same(ping, { status: 204, body: '' });
  for (const tamper of ['signature', 'body', 'stale-timestamp', 'missing-headers'] as const) {
    const res = await h.emulator.sendEvent({ type: 'PING', url, tamper });
    t.equal(res.status, 401, tamper);
  }
  const future = await h.emulator.sendEvent({
    type: 'PING',
    url,
    timestampSeconds: Math.floor(h.clock.now / 1000) + 600,
  });
  t.equal(future.status, 401, 'a timestamp from the future is refused too');
});

t.test('APPLICATION_DEAUTHORIZED drops the member’s tokens at once', async (t) => {
  const h = await harness(t, { listen: true });
  const [gone, stays] = await linkMembers(h, 2);
  const forged = await h.emulator.sendEvent({
    type: 'APPLICATION_DEAUTHORIZED',
    userId: gone!.id,
    url: `${h.appUrl}/discord/events`,
    tamper: 'signature',
  });
  t.equal(forged.status, 401);
  t.equal(h.members.get(gone!.id)?.linkStatus, 'linked', 'a forged event changes nothing');

  const res = await h.emulator.sendEvent({
    type: 'APPLICATION_DEAUTHORIZED',
    userId: gone!.id,
    url: `${h.appUrl}/discord/events`,
  });
  t.equal(res.status, 204);
  t.match(h.members.get(gone!.id), { linkStatus: 'revoked', accessToken: null, refreshToken: null });
  t.equal(h.members.get(stays!.id)?.linkStatus, 'linked');
  const other = await h.emulator.sendEvent({
    type: 'APPLICATION_AUTHORIZED',
    userId: stays!.id,
    url: `${h.appUrl}/discord/events`,
  });
  t.equal(other.status, 204, 'other events are acknowledged and ignored');
  t.equal(h.members.get(stays!.id)?.linkStatus, 'linked');
});

t.test('a member revoking on Discord is forgotten through the configured webhook', async (t) => {
  const h = await harness(t, { listen: true });
  const [user] = await linkMembers(h, 1);
  const patch = await fetch(`${h.emulatorUrl}/api/v10/applications/@me`, {
    method: 'PATCH',
    headers: {
      authorization: 'Bot test-bot-token',
      'content-type': 'application/json',
      'user-agent': 'DiscordBot (test, 1)',
    },
    body: JSON.stringify({
      event_webhooks_url: `${h.appUrl}/discord/events`,
      event_webhooks_status: 2,
      event_webhooks_types: ['APPLICATION_DEAUTHORIZED'],
    }),
  });
  t.equal(patch.status, 200, 'the emulator verified our endpoint like Discord does');
  h.emulator.revokeUser(user!.id);
  await h.emulator.settle();
  t.equal(h.members.get(user!.id)?.linkStatus, 'revoked');
});

t.test('without DISCORD_PUBLIC_KEY every event is refused; bad bodies are handled', async (t) => {
  const h = await harness(t, { env: { DISCORD_PUBLIC_KEY: '' } });
  const res = await h.app.inject({ method: 'POST', url: '/discord/events', payload: { type: 0 } });
  t.equal(res.statusCode, 401);

  const { h: k, signed } = await ownKeyHarness(t);
  const pong = await signed('{"type":0}');
  t.equal(pong.statusCode, 204);
  t.equal(pong.body, '');
  t.equal(pong.headers['content-type'], 'application/json', 'the docs ask for a valid Content-Type even on a 204');
  const broken = await signed('{"type":');
  t.equal(broken.statusCode, 400);
  t.same(broken.json(), { error: 'invalid JSON' });
  t.equal((await signed('{"type":1,"event":{"type":"APPLICATION_DEAUTHORIZED","data":{}}}')).statusCode, 204);
  const text = await k.app.inject({
    method: 'POST',
    url: '/discord/events',
    headers: { 'content-type': 'text/plain' },
    payload: 'x',
  });
  t.equal(text.statusCode, 401, 'unsigned: refused whatever the type');
  const xml = await k.app.inject({
    method: 'POST',
    url: '/discord/events',
    headers: { 'content-type': 'application/xml' },
    payload: '<x/>',
  });
  t.equal(xml.statusCode, 401);
  t.same(xml.json(), { error: 'invalid request signature' }, 'machines get JSON errors');
  const untyped = await k.app.inject({ method: 'POST', url: '/discord/events', payload: Buffer.from('{"type":0}') });
  t.equal(untyped.statusCode, 401, 'no Content-Type: still a signature check, not a 415');
});

t.test('a replayed or late deauthorization never unlinks a member who verified again', async (t) => {
  const { h, signed } = await ownKeyHarness(t);
  const [member] = await linkMembers(h, 1);
  const id = member!.id;
  h.clock.now += 60_000;
  const event = deauthorized(id, h.clock.now);
  t.equal((await signed(event)).statusCode, 204);
  t.equal(status(h, id), 'revoked');

  h.clock.now += 60_000;
  t.equal((await verify(h, id)).statusCode, 200, 'the member comes back a minute later');
  const replay = await signed(event);
  t.equal(replay.statusCode, 204, 'the same signed request again is acknowledged');
  t.equal(status(h, id), 'linked', '…and ignored');
  h.clock.now += 1_000;
  t.equal((await signed(event)).statusCode, 204, 'signed anew, but dated before the new verification');
  t.equal(status(h, id), 'linked');
  t.ok(h.members.get(id)?.refreshToken, 'the new grant is kept');

  t.equal((await signed(deauthorized(id, h.clock.now))).statusCode, 204);
  t.equal(status(h, id), 'revoked', 'a deauthorization after the verification applies');

  h.clock.now += 60_000;
  await verify(h, id);
  h.clock.now += 5_000;
  t.equal((await signed(deauthorized(id))).statusCode, 204);
  t.equal(status(h, id), 'revoked', 'an event without its own date is as old as its signature');
});

t.test('an event carrying a large guild object is taken, well past the pages’ body limit', async (t) => {
  const { h, signed } = await ownKeyHarness(t);
  const roles = Array.from({ length: 250 }, (_, i) => ({
    id: String(10n ** 17n + BigInt(i)),
    name: `role ${i} `.repeat(40),
  }));
  const body = JSON.stringify({
    version: 1,
    application_id: '123456789012345678',
    type: 1,
    event: {
      type: 'APPLICATION_AUTHORIZED',
      timestamp: discordTime(h.clock.now),
      data: { integration_type: 0, user: { id: '1', username: 'm' }, scopes: ['bot'], guild: { id: '2', roles } },
    },
  });
  t.ok(body.length > 64 * 1024, `${body.length} bytes`);
  t.equal((await signed(body)).statusCode, 204);
});

t.test('a deauthorization dated to the whole second, or during the verification, still applies', async (t) => {
  const { h, signed } = await ownKeyHarness(t);
  h.clock.now = 1_700_000_000_900;
  const [member] = await linkMembers(h, 1);
  const id = member!.id;
  const wholeSecond = Math.floor(h.clock.now / 1000) * 1000;
  t.equal((await signed(deauthorized(id, wholeSecond))).statusCode, 204);
  t.equal(status(h, id), 'revoked', 'dated 900 ms before our link: Discord cut its date to the second');

  // The member authorizes again and removes the app while we are still reading them.
  h.clock.now += 60_000;
  const startedAt = h.clock.now;
  h.emulator.addFault({ kind: 'hold', target: 'user', times: 1 });
  const page = verify(h, id);
  await waitFor(() => h.emulator.held.count === 1, { what: 'the verification to be held at /users/@me' });
  h.clock.now += 3_000;
  h.emulator.held.release();
  t.equal((await page).statusCode, 200);
  t.equal(status(h, id), 'linked');
  t.equal((await signed(deauthorized(id, startedAt + 1_000))).statusCode, 204);
  t.equal(status(h, id), 'revoked', 'dated after the verification began, before it stored the grant');
});

t.test('a retry signed up to 15 minutes ago is taken; one whose first delivery failed is handled anew', async (t) => {
  const { h, signed } = await ownKeyHarness(t);
  const [late, retried] = await linkMembers(h, 2);
  const sentAt = Math.floor(h.clock.now / 1000);
  h.clock.now += 12 * 60_000;
  t.equal((await signed(deauthorized(late!.id), sentAt)).statusCode, 204, 'Discord retries for up to 10 minutes');
  t.equal(status(h, late!.id), 'revoked');
  t.equal((await signed(deauthorized(late!.id), sentAt - 4 * 60)).statusCode, 401, 'over 15 minutes old');

  const event = deauthorized(retried!.id, h.clock.now);
  const now = Math.floor(h.clock.now / 1000);
  // As a full disk would: SQLite refuses the write the event needs.
  h.db.$client.exec(
    `CREATE TRIGGER refuse BEFORE UPDATE ON members BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
  );
  const failed = await signed(event, now);
  t.equal(failed.statusCode, 500, 'not acknowledged, so Discord retries');
  t.equal(status(h, retried!.id), 'linked');
  h.db.$client.exec('DROP TRIGGER refuse');
  t.equal((await signed(event, now)).statusCode, 204, 'the same signed bytes again');
  t.equal(status(h, retried!.id), 'revoked', 'the retry was handled, not taken for a repeat');
  t.equal((await signed(event, now)).statusCode, 204);
});
