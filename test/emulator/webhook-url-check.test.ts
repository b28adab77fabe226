import t from 'tap';
import { BOT_TOKEN, emulator, jsonInit } from './helpers.js';
import { deadUrl, receiver } from './receiver.js';

const bot = { Authorization: `Bot ${BOT_TOKEN}` };
const patch = (body: unknown) => jsonInit('PATCH', body, bot);

t.test('a new event_webhooks_url is verified with a signed and a badly signed PING', async (t) => {
  const emu = await emulator(t);
  const good = await receiver(t, emu.state.publicKeyHex);
  const lax = await receiver(t, emu.state.publicKeyHex, 'accept-all');
  const failing = await receiver(t, emu.state.publicKeyHex, 500);
  const chatty = await receiver(t, emu.state.publicKeyHex, 'verify-200');
  const dead = await deadUrl(t);
  const send = async (body: unknown) => {
    const res = await emu.call('/applications/@me', patch(body));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const notVerified = {
    status: 400,
    body: {
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        event_webhooks_url: {
          _errors: [
            { code: 'APPLICATION_WEBHOOK_URL_INVALID', message: 'The specified webhook URL could not be verified.' },
          ],
        },
      },
    },
  };
  const before = emu.state.application;
  const subscribe = { event_webhooks_status: 2, event_webhooks_types: ['APPLICATION_DEAUTHORIZED'] };

  t.same(await send({ event_webhooks_url: lax.url, ...subscribe }), notVerified, 'accepts bad signatures');
  t.equal(lax.received.length, 2);
  t.same(await send({ event_webhooks_url: failing.url, ...subscribe }), notVerified, 'answers the PING 500');
  t.equal(failing.received.length, 1, 'no probe after a failed PING');
  t.same(await send({ event_webhooks_url: chatty.url, ...subscribe }), notVerified, 'answers the PING 200 with a body');
  t.same(await send({ event_webhooks_url: dead, ...subscribe }), notVerified, 'unreachable');
  t.same(emu.state.application, before, 'nothing saved');

  const saved = await send({ event_webhooks_url: good.url, ...subscribe });
  t.equal(saved.status, 200);
  t.match(saved.body, { event_webhooks_url: good.url, ...subscribe });
  t.same(
    good.received.map((r) => [JSON.parse(r.body).type, r.valid]),
    [
      [0, true],
      [0, false],
    ],
  );
  t.match(emu.state.deliveries.slice(-2), [
    { type: 'PING', url: good.url, status: 204 },
    { type: 'PING', url: good.url, status: 401, tamper: 'signature' },
  ]);

  t.equal((await send({ event_webhooks_url: good.url, description: 'same URL' })).status, 200);
  t.equal(good.received.length, 2, 'an unchanged URL is not checked again');
  t.match(await send({ event_webhooks_url: null }), { status: 200, body: { event_webhooks_url: null } });
});
