import t from 'tap';
import { CLIENT_ID, emulator, formInit } from './helpers.js';
import { deadUrl, receiver } from './receiver.js';

const eventOf = (body: string | undefined): { type: string; data: { user: { id: string } } } =>
  (JSON.parse(body ?? '{}') as { event: { type: string; data: { user: { id: string } } } }).event;

t.test('revoking fires APPLICATION_DEAUTHORIZED only when webhook events are on and subscribed', async (t) => {
  const emu = await emulator(t);
  const rx = await receiver(t, emu.state.publicKeyHex);
  const revoke = async (token: string): Promise<number> =>
    (await emu.call('/oauth2/token/revoke', formInit({ token }))).status;

  emu.state.updateApplication({ event_webhooks_url: rx.url });
  t.equal(await revoke((await emu.login(['identify'], 'a')).access), 200);
  emu.state.updateApplication({ event_webhooks_status: 2 });
  t.equal(await revoke((await emu.login(['identify'], 'b')).access), 200);
  emu.state.updateApplication({ event_webhooks_status: 1, event_webhooks_types: ['APPLICATION_DEAUTHORIZED'] });
  t.equal(await revoke((await emu.login(['identify'], 'c')).access), 200);
  emu.state.updateApplication({ event_webhooks_status: 2, event_webhooks_url: null });
  t.equal(await revoke((await emu.login(['identify'], 'd')).access), 200);
  await emu.state.settle();
  t.same(rx.received, [], 'disabled, unsubscribed or without a URL: nothing is sent');

  emu.state.updateApplication({ event_webhooks_url: rx.url });
  const e = await emu.login(['identify', 'role_connections.write'], 'e');
  t.equal(await revoke(e.refresh), 200);
  await emu.state.settle();
  t.equal(rx.received.length, 1);
  t.ok(rx.received[0]?.valid);
  t.match(JSON.parse(rx.received[0]?.body ?? ''), { version: 1, application_id: CLIENT_ID, type: 1 });
  t.match(eventOf(rx.received[0]?.body), { type: 'APPLICATION_DEAUTHORIZED', data: { user: { id: e.userId } } });
  t.same(emu.state.deliveries, [{ type: 'APPLICATION_DEAUTHORIZED', url: rx.url, status: 204, at: emu.clock.now }]);

  t.equal(await revoke(e.access), 200, 'already revoked');
  t.equal(await revoke('not-a-token'), 200);
  await emu.state.settle();
  t.equal(rx.received.length, 1, 'no second event for a dead grant or an unknown token');

  const f = await emu.login(['identify'], 'f');
  t.equal(emu.state.revokeUser(f.userId), 1);
  t.equal(emu.state.revokeUser(f.userId), 0);
  const g = await emu.login(['identify'], 'g');
  const viaControl = await fetch(`${emu.url}/_emulator/users/${g.userId}/revoke`, { method: 'POST' });
  t.equal(viaControl.status, 200);
  await emu.state.settle();
  t.same(
    rx.received.slice(1).map((r) => eventOf(r.body).data.user.id),
    [f.userId, g.userId],
  );
});

t.test('the revoke answer does not wait for the delivery, and a dead URL is only logged', async (t) => {
  const emu = await emulator(t);
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const rx = await receiver(t, emu.state.publicKeyHex, 'verify', held);
  emu.state.updateApplication({
    event_webhooks_url: rx.url,
    event_webhooks_status: 2,
    event_webhooks_types: ['APPLICATION_AUTHORIZED', 'APPLICATION_DEAUTHORIZED'],
  });

  const a = await emu.login(['identify'], 'a');
  const res = await emu.call('/oauth2/token/revoke', formInit({ token: a.access }));
  t.equal(res.status, 200);
  t.same(emu.state.deliveries, [], 'answered while the receiver still holds the event');
  release();
  await emu.state.settle();
  t.match(emu.state.deliveries, [{ type: 'APPLICATION_DEAUTHORIZED', status: 204 }]);

  const dead = await deadUrl(t);
  emu.state.updateApplication({ event_webhooks_url: dead });
  const b = await emu.login(['identify'], 'b');
  t.equal((await emu.call('/oauth2/token/revoke', formInit({ token: b.refresh }))).status, 200);
  await emu.state.settle();
  t.match(emu.state.deliveries[1], { type: 'APPLICATION_DEAUTHORIZED', url: dead, status: 0 });
});
