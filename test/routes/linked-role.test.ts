import t from 'tap';
import { DAY_MS } from '../../src/metadata/connection.js';
import { STATE_COOKIE } from '../../src/routes/linked-role.js';
import { apiCalls, GUILD_ID, harness, OTHER_GUILD_ID, startVerification, verify, wornTag } from '../helpers.js';

t.test('GET /linked-role redirects to Discord with a fresh state bound by cookie', async (t) => {
  const h = await harness(t);
  const a = await h.app.inject({ method: 'GET', url: '/linked-role' });
  t.equal(a.statusCode, 302);
  t.equal(a.headers['cache-control'], 'no-store');
  const url = new URL(String(a.headers.location));
  t.equal(`${url.origin}${url.pathname}`, `${h.emulatorUrl}/oauth2/authorize`);
  t.equal(url.searchParams.get('response_type'), 'code');
  t.equal(url.searchParams.get('client_id'), h.config.clientId);
  t.equal(url.searchParams.get('scope'), 'identify role_connections.write');
  t.match(url.search, /scope=identify%20role_connections.write/);
  t.equal(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:3000/linked-role/callback');
  t.equal(url.searchParams.get('prompt'), 'consent');
  const state = url.searchParams.get('state')!;
  t.ok(Buffer.from(state, 'base64url').length >= 16, 'state carries at least 128 bits');
  const cookie = String(a.headers['set-cookie']);
  t.match(cookie, new RegExp(`^${STATE_COOKIE}=`));
  t.match(cookie, /HttpOnly/);
  t.match(cookie, /SameSite=Lax/);
  t.match(cookie, /Max-Age=600/);
  t.match(cookie, /Path=\/linked-role/);
  t.notMatch(cookie, /Secure/, 'not Secure on an http public URL');
  t.notMatch(cookie.split(';')[0]!, new RegExp(`=${state}(;|$)`), 'the cookie value is signed, not the bare state');
  const b = await h.app.inject({ method: 'GET', url: '/linked-role' });
  t.not(new URL(String(b.headers.location)).searchParams.get('state'), state, 'a new state each time');
  t.equal(apiCalls(h), 0);
});

t.test('the state cookie is Secure and scoped under an https public URL with a path', async (t) => {
  const h = await harness(t, { env: { PUBLIC_URL: 'https://roles.example.org/tags' } });
  const res = await h.app.inject({ method: 'GET', url: '/linked-role' });
  const cookie = String(res.headers['set-cookie']);
  t.match(cookie, /Secure/);
  t.match(cookie, /Path=\/tags\/linked-role/);
  t.equal(
    new URL(String(res.headers.location)).searchParams.get('redirect_uri'),
    'https://roles.example.org/tags/linked-role/callback',
  );
});

t.test('pages name the stylesheet under the public URL path, which the proxy strips before us', async (t) => {
  const link = (body: string) => /<link rel="stylesheet" href="([^"]+)"/.exec(body)?.[1];
  const rooted = await harness(t);
  t.equal(link((await rooted.app.inject({ method: 'GET', url: '/' })).body), '/assets/style.css');
  const h = await harness(t, { env: { PUBLIC_URL: 'https://roles.example.org/tags' } });
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const pages = {
    home: await h.app.inject({ method: 'GET', url: '/' }),
    result: await verify(h, user.id),
    notFound: await h.app.inject({ method: 'GET', url: '/nowhere/at/all' }),
    badState: await h.app.inject({ method: 'GET', url: '/linked-role/callback?code=x&state=y' }),
  };
  for (const [name, page] of Object.entries(pages)) {
    t.equal(link(page.body), '/tags/assets/style.css', `${name} (${page.statusCode})`);
  }
  const css = await h.app.inject({ method: 'GET', url: '/assets/style.css' });
  t.equal(css.statusCode, 200, 'served where the proxy forwards /tags/assets/style.css');
});

t.test('a member wearing the tag gets it linked, through the real authorize page', async (t) => {
  const h = await harness(t);
  const started = await startVerification(h);
  // The browser follows the redirect to the emulator's authorize page and presses Authorize.
  const page = await fetch(started.location);
  t.equal(page.status, 200);
  const form = new URLSearchParams(Object.fromEntries(started.location.searchParams));
  form.set('decision', 'authorize');
  form.set('username', 'ana');
  form.set('guild', GUILD_ID);
  form.set('identity_enabled', 'true');
  form.set('tag', 'ABCD');
  const back = await fetch(new URL('/oauth2/authorize', h.emulatorUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  t.equal(back.status, 302);
  const redirect = new URL(back.headers.get('location')!);
  t.equal(`${redirect.origin}${redirect.pathname}`, h.config.redirectUri);
  const res = await h.app.inject({
    method: 'GET',
    url: `${redirect.pathname}${redirect.search}`,
    headers: { cookie: started.cookie },
  });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.headers['content-type'], /text\/html/);
  t.match(res.body, /You wear \[ABCD\]/);
  t.match(res.body, /Roles that require the tag are now yours/);
  t.match(
    String(res.headers['set-cookie']),
    new RegExp(`${STATE_COOKIE}=;.*Expires=Thu, 01 Jan 1970`),
    'state cookie cleared',
  );

  const user = [...h.emulator.calls].reverse().find((c) => c.route === '/users/@me')!;
  const userId = user.userId!;
  t.same(h.emulator.getRoleConnection(userId), {
    platform_name: 'Server Tag',
    platform_username: 'ABCD',
    metadata: { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' },
  });
  t.same(
    h.emulator.calls.map((c) => `${c.method} ${c.route}`),
    ['POST /oauth2/token', 'GET /users/@me', `PUT /users/@me/applications/${h.config.clientId}/role-connection`],
  );
  const row = h.members.get(userId)!;
  t.equal(row.linkStatus, 'linked');
  t.ok(row.accessToken && row.refreshToken, 'tokens stored');
  t.equal(row.scopes, 'identify role_connections.write');
  t.equal(row.tokenExpiresAt, h.clock.now + 604_800_000);
  t.same(row.pushedMetadata, { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' });
  t.equal(row.wearingSince, h.clock.now);
});

t.test('members not wearing the tag are told why and get zeros', async (t) => {
  const cases = [
    { name: 'no primary guild', primary_guild: null, text: /Discord shows no server tag/ },
    { name: 'field missing', primary_guild: undefined, text: /Discord shows no server tag/ },
    { name: 'switched off', primary_guild: { ...wornTag(), identity_enabled: false }, text: /is switched off/ },
    {
      name: 'cleared by Discord',
      primary_guild: { ...wornTag(), identity_enabled: null },
      text: /not showing your server tag/,
    },
    { name: 'another guild', primary_guild: wornTag('XYZ', OTHER_GUILD_ID), text: /belongs to another server/ },
  ];
  const h = await harness(t);
  for (const c of cases) {
    const user = h.emulator.addUser({ username: `member-${cases.indexOf(c)}`, primary_guild: c.primary_guild });
    const res = await verify(h, user.id);
    t.equal(res.statusCode, 200, c.name);
    t.match(res.body, /You are not wearing the tag of our server/, c.name);
    t.match(res.body, c.text, c.name);
    t.match(res.body, /come back to this page/, c.name);
    t.same(
      h.emulator.getRoleConnection(user.id),
      {
        platform_name: 'Server Tag',
        platform_username: user.username,
        metadata: { tag_worn: '0', tag_streak_days: '0', tag_total_days: '0' },
      },
      c.name,
    );
  }
});

t.test('a second verification updates the same row and counts the streak', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  await verify(h, user.id);
  const first = h.members.get(user.id)!;
  h.clock.now += 3 * DAY_MS + 1000;
  const res = await verify(h, user.id);
  t.equal(res.statusCode, 200);
  t.same(h.emulator.getRoleConnection(user.id)?.metadata, { tag_worn: '1', tag_streak_days: '3', tag_total_days: '3' });
  const rows = h.db.$client.prepare('select count(*) as n from members').get() as { n: number };
  t.equal(rows.n, 1);
  const second = h.members.get(user.id)!;
  t.equal(second.createdAt, first.createdAt);
  t.not(second.accessToken, first.accessToken, 'new tokens stored');
  t.equal(second.linkedAt, h.clock.now);
});

t.test('bad state never reaches Discord', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const code = () =>
    h.emulator.authorize({
      userId: user.id,
      scopes: ['identify', 'role_connections.write'],
      redirectUri: h.config.redirectUri,
    });
  const s = await startVerification(h);
  const other = await startVerification(h);
  const forged = `${STATE_COOKIE}=${s.state}.${h.clock.now}.forged`;
  const cases: [string, string, Record<string, string>, RegExp][] = [
    ['no cookie', `code=${code()}&state=${s.state}`, {}, /no sign-in in progress/],
    ['forged cookie', `code=${code()}&state=${s.state}`, { cookie: forged }, /no sign-in in progress/],
    ['missing state', `code=${code()}`, { cookie: s.cookie }, /without the sign-in state/],
    ['wrong state', `code=${code()}&state=x${s.state}`, { cookie: s.cookie }, /does not match/],
    ['duplicated state', `code=${code()}&state=${s.state}&state=${s.state}`, { cookie: s.cookie }, /not valid/],
    [
      'foreign issuer',
      `code=${code()}&state=${s.state}&iss=https://evil.example`,
      { cookie: s.cookie },
      /did not come from Discord/,
    ],
    ['no code', `state=${s.state}`, { cookie: s.cookie }, /without a sign-in code/],
    ['state used before', `code=${code()}&state=${s.state}`, { cookie: s.cookie }, /already used/],
    [
      'other error',
      `error=server_error&state=${other.state}`,
      { cookie: other.cookie },
      /Discord reported &quot;server_error&quot;/,
    ],
  ];
  for (const [name, query, headers, text] of cases) {
    const res = await h.app.inject({ method: 'GET', url: `/linked-role/callback?${query}`, headers });
    t.equal(res.statusCode, 400, name);
    t.match(res.headers['content-type'], /text\/html/, name);
    t.match(res.body, text, name);
    t.match(res.body, /href="http:\/\/127.0.0.1:3000\/linked-role"/, `${name}: offers to start again`);
  }
  t.equal(apiCalls(h), 0);

  const unused = await startVerification(h);
  h.clock.now += 10 * 60_000 + 1;
  const late = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?code=${code()}&state=${unused.state}`,
    headers: { cookie: unused.cookie },
  });
  t.equal(late.statusCode, 400);
  t.match(late.body, /longer than 10 minutes/);
  t.equal(apiCalls(h), 0);
});

t.test('a state is good once, whoever sends it; a state dated in the future is refused', async (t) => {
  const h = await harness(t);
  const [ana, bob] = ['ana', 'bob'].map((username) => h.emulator.addUser({ username, primary_guild: wornTag() }));
  const codeFor = (userId: string) =>
    h.emulator.authorize({ userId, scopes: ['identify', 'role_connections.write'], redirectUri: h.config.redirectUri });
  const s = await startVerification(h);
  const callback = (code: string, state: string, cookie: string, ip?: string) =>
    h.app.inject({
      method: 'GET',
      url: `/linked-role/callback?code=${code}&state=${state}`,
      headers: { cookie },
      ...(ip ? { remoteAddress: ip } : {}),
    });
  t.equal((await callback(codeFor(ana!.id), s.state, s.cookie)).statusCode, 200, 'the first use');
  const calls = apiCalls(h);
  const replayed = await callback(codeFor(bob!.id), s.state, s.cookie, '203.0.113.9');
  t.equal(replayed.statusCode, 400, 'the same cookie and state, another member, another address');
  t.match(replayed.body, /already used/);
  t.equal(apiCalls(h), calls, 'the replay never reached Discord');
  t.notOk(h.members.get(bob!.id), 'nothing stored for the second member');

  const state = 'f'.repeat(43);
  const future = `${STATE_COOKIE}=${h.app.signCookie(`${state}.${h.clock.now + 60_000}`)}`;
  const ahead = await callback(codeFor(bob!.id), state, future);
  t.equal(ahead.statusCode, 400);
  t.match(ahead.body, /dated in the future/);
  t.equal(apiCalls(h), calls);
});

t.test('Cancel on Discord ends on a friendly page and no call', async (t) => {
  const h = await harness(t);
  const s = await startVerification(h);
  const res = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?error=access_denied&error_description=The+resource+owner+denied&state=${s.state}`,
    headers: { cookie: s.cookie },
  });
  t.equal(res.statusCode, 200);
  t.match(res.body, /Nothing was linked/);
  t.match(res.body, /Try again/);
  t.equal(apiCalls(h), 0);
  const stranger = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?error=access_denied&state=${s.state}`,
  });
  t.equal(stranger.statusCode, 400, 'still needs the state cookie');
});

t.test('an iss of https://discord.com or the configured origin is accepted', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  for (const iss of ['https://discord.com', h.emulatorUrl]) {
    const s = await startVerification(h);
    const code = h.emulator.authorize({
      userId: user.id,
      scopes: ['identify', 'role_connections.write'],
      redirectUri: h.config.redirectUri,
    });
    const res = await h.app.inject({
      method: 'GET',
      url: `/linked-role/callback?code=${code}&state=${s.state}&iss=${encodeURIComponent(iss)}`,
      headers: { cookie: s.cookie },
    });
    t.equal(res.statusCode, 200, iss);
  }
});

t.test('a replayed code is refused by Discord and shown as expired', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const code = h.emulator.authorize({
    userId: user.id,
    scopes: ['identify', 'role_connections.write'],
    redirectUri: h.config.redirectUri,
  });
  const once = async () => {
    const s = await startVerification(h);
    return h.app.inject({
      method: 'GET',
      url: `/linked-role/callback?code=${code}&state=${s.state}`,
      headers: { cookie: s.cookie },
    });
  };
  t.equal((await once()).statusCode, 200);
  const again = await once();
  t.equal(again.statusCode, 400);
  t.match(again.body, /expired or was already used/);
});
