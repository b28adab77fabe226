import t from 'tap';
import { makeURLSearchParams } from '@discordjs/rest';
import { Deadline } from '../../src/discord/deadline.js';
import { requester, sharedDispatcher } from '../../src/discord/http.js';
import { harness, wornTag } from '../helpers.js';
import { waitFor } from '../wait-for.js';

const SCOPES = ['identify', 'role_connections.write'];
const UA = { 'User-Agent': 'DiscordBot (https://example.invalid, 1.0)' };
const makeRequest = requester({ timeoutMs: 10_000 });

t.test('status, headers, JSON and form bodies of real answers', async (t) => {
  const h = await harness(t);
  const api = `${h.config.discordApiUrl}/v10`;
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const code = h.emulator.authorize({ userId: user.id, scopes: SCOPES, redirectUri: h.config.redirectUri });
  const exchange = await makeRequest(`${api}/oauth2/token`, {
    method: 'POST',
    headers: { ...UA, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: makeURLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: h.config.redirectUri,
      client_id: h.config.clientId,
      client_secret: h.config.clientSecret,
    }),
  });
  t.equal(exchange.status, 200);
  t.equal(exchange.ok, true);
  t.equal(exchange.statusText, 'OK');
  t.match(exchange.headers.get('Content-Type'), /^application\/json/, 'names are matched in any case');
  const tokens = (await exchange.json()) as { access_token: string };
  t.type(tokens.access_token, 'string');

  const bearer = { ...UA, Authorization: `Bearer ${tokens.access_token}` };
  const me = await makeRequest(`${api}/users/@me`, { method: 'GET', headers: bearer });
  t.ok(me.headers.has('x-ratelimit-bucket'));
  t.equal(me.headers.get('X-RateLimit-Global'), null, 'an absent header is null');
  const seen: string[] = [];
  me.headers.forEach((_value, name) => seen.push(name));
  t.ok(seen.includes('content-type'), 'forEach walks every header');
  t.equal(me.bodyUsed, false);
  t.equal((JSON.parse(await me.text()) as { id: string }).id, user.id);
  t.equal(me.bodyUsed, true);

  const route = `${api}/users/@me/applications/${h.config.clientId}/role-connection`;
  const put = await makeRequest(route, {
    method: 'PUT',
    headers: { ...bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({ platform_name: 'Tag', metadata: {} }),
  });
  t.equal(put.status, 200);
  await put.arrayBuffer();
  const gone = await makeRequest(route, { method: 'DELETE', headers: bearer });
  t.equal(gone.status, 204);
  t.equal((await gone.arrayBuffer()).byteLength, 0, 'an empty answer reads as an empty buffer');

  const refused = await makeRequest(`${api}/users/@me`, {
    method: 'GET',
    headers: { ...UA, Authorization: 'Bearer x' },
  });
  t.equal(refused.status, 401);
  t.equal(refused.ok, false);
  await refused.json();
});

t.test('a 429 comes back as an answer with its rate-limit headers', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 3, times: 1 });
  const res = await makeRequest(`${h.config.discordApiUrl}/v10/users/@me`, {
    method: 'GET',
    headers: { ...UA, Authorization: 'Bearer x' },
  });
  t.equal(res.status, 429);
  t.equal(res.headers.get('Retry-After'), '3');
  t.ok(res.headers.get('x-ratelimit-scope'));
  await res.json();
});

t.test('a deadline ends a request in flight, and one that has passed stops the next before it starts', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'hold', target: 'user', times: 2 });
  t.teardown(() => h.emulator.held.release());
  const url = `${h.config.discordApiUrl}/v10/users/@me`;
  const deadline = new Deadline(300);
  t.teardown(() => deadline.release());
  // Its own timeout would wait for a minute: the deadline comes first.
  const pending = requester({ timeoutMs: 60_000, deadline })(url, { method: 'GET', headers: UA });
  await waitFor(() => h.emulator.held.count === 1, { what: 'the held /users/@me' });
  const error = (await t.rejects(pending)) as Error;
  t.equal(error.name, 'AbortError', '@discordjs/rest retries and reports timeouts by this name');
  t.ok(deadline.aborted);
  await t.rejects(requester({ timeoutMs: 60_000, deadline })(url, { method: 'GET', headers: UA }), {
    name: 'AbortError',
  });
  t.equal(h.emulator.held.count, 1, 'the second request was never sent');
});

t.test('an answer whose headers take longer than the timeout fails as an AbortError', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'hold', target: 'user', times: 1 });
  t.teardown(() => h.emulator.held.release());
  const url = `${h.config.discordApiUrl}/v10/users/@me`;
  const error = (await t.rejects(requester({ timeoutMs: 200 })(url, { method: 'GET', headers: UA }))) as Error;
  t.equal(error.name, 'AbortError');
  t.equal(error.message, 'Discord did not answer in time');
});

t.test('bodies we never send are refused, and the shared dispatcher is one', async (t) => {
  await t.rejects(
    makeRequest('http://127.0.0.1:1/x', { method: 'POST', body: new Blob(['x']) }),
    TypeError,
    'files are not our traffic',
  );
  const { sharedDispatcher: again } = await import('../../src/discord/http.js');
  t.equal(again, sharedDispatcher);
});
