import t from 'tap';
import { OAuthGate } from '../../src/discord/oauth-gate.js';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

t.test('a route’s 429 or emptied bucket holds that route; a global 429 holds every route', async (t) => {
  const gate = new OAuthGate();
  gate.note('/oauth2/token', 200, headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset-after': '9' }));
  t.equal(gate.waitMs('/oauth2/token'), 0, 'calls left in the bucket: nothing to wait for');

  gate.note('/oauth2/token', 200, headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '20' }));
  t.ok(gate.waitMs('/oauth2/token') > 19_000, 'the emptied bucket holds its route until it resets');
  t.equal(gate.waitMs('/oauth2/token/revoke'), 0, 'and no other');

  gate.note('/oauth2/token/revoke', 429, headers({ 'retry-after': '40', 'x-ratelimit-global': 'true' }));
  t.ok(gate.waitMs('/oauth2/token') > 39_000, 'a global 429 holds every route, the longer wait wins');
  t.ok(gate.waitMs('/oauth2/token/revoke') > 39_000);

  const fresh = new OAuthGate();
  fresh.note('/oauth2/token', 429, headers({}));
  fresh.note('/oauth2/token', 503, headers({ 'x-ratelimit-remaining': '1' }));
  t.equal(fresh.waitMs('/oauth2/token'), 0, 'a 429 without a wait, or a 5xx, holds nothing');
});
