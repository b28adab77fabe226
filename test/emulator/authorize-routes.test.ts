import t from 'tap';
import { CLIENT_ID, GUILD, REDIRECT_URI, emulator, formInit, type Emu } from './helpers.js';

const query = (overrides: Record<string, string | undefined> = {}): string => {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: CLIENT_ID,
    scope: 'identify role_connections.write',
    redirect_uri: REDIRECT_URI,
    state: 'st-123',
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
  return search.toString();
};

/** Submits the consent form like a browser would (no redirect following). */
const submit = (emu: Emu, fields: Record<string, string>): Promise<Response> =>
  fetch(`${emu.url}/oauth2/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query())), ...fields }),
  });

t.test('consent page shows the app, the scopes and a form carrying the query', async (t) => {
  const emu = await emulator(t, { applicationName: 'My Roles' });
  emu.state.addUser({ id: '200000000000000001', username: 'bob' });
  for (const path of ['/oauth2/authorize', '/api/oauth2/authorize', '/api/v10/oauth2/authorize']) {
    const res = await fetch(`${emu.url}${path}?${query()}`);
    t.equal(res.status, 200, path);
    t.match(res.headers.get('content-type'), /text\/html/);
    const html = await res.text();
    t.match(html, 'My Roles');
    t.match(html, 'role_connections.write');
    t.match(html, '<form method="post" action="/oauth2/authorize">');
    t.match(html, `<input type="hidden" name="redirect_uri" value="${REDIRECT_URI}">`);
    t.match(html, '<input type="hidden" name="state" value="st-123">');
    t.match(html, '<button name="decision" value="authorize">Authorize</button>');
    t.match(html, '<button name="decision" value="cancel">Cancel</button>');
    t.match(html, 'value="200000000000000001"', 'existing members are offered');
    t.match(html, `<select name="guild"><option value="${GUILD.id}" selected>`, 'known guilds are offered');
  }
  const encoded = await fetch(`${emu.url}/oauth2/authorize?${query().replace('identify+role', 'identify%20role')}`);
  t.equal(encoded.status, 200, 'scope separated by %20 is accepted as well as by +');
  t.equal(emu.state.calls.length, 0, 'browser pages are not API calls');
});

t.test('invalid authorize requests get a 400 page naming the problem, never a redirect', async (t) => {
  const emu = await emulator(t);
  const cases: [Record<string, string | undefined>, RegExp][] = [
    [{ response_type: 'token' }, /response_type/],
    [{ response_type: undefined }, /response_type/],
    [{ client_id: '999' }, /Unknown Application/],
    [{ redirect_uri: 'http://evil.example/cb' }, /redirect_uri/],
    [{ redirect_uri: `${REDIRECT_URI}/` }, /not registered/],
    [{ redirect_uri: undefined }, /redirect_uri/],
    [{ scope: 'identify guilds.join' }, /Invalid scope: guilds\.join/],
    [{ scope: undefined }, /scope/],
  ];
  for (const [overrides, problem] of cases) {
    const res = await fetch(`${emu.url}/oauth2/authorize?${query(overrides)}`, { redirect: 'manual' });
    t.equal(res.status, 400, JSON.stringify(overrides));
    t.equal(res.headers.get('location'), null);
    t.match(await res.text(), problem);
  }
  const twice = await fetch(`${emu.url}/oauth2/authorize?${query()}&state=again`);
  t.equal(twice.status, 400, 'a repeated parameter is refused');
});

t.test('Authorize creates the member and redirects with code, state and iss', async (t) => {
  const emu = await emulator(t);
  const res = await submit(emu, {
    decision: 'authorize',
    member: 'new',
    username: 'ana',
    global_name: 'Ana',
    guild: GUILD.id,
  });
  t.equal(res.status, 302);
  const location = new URL(res.headers.get('location') ?? '');
  t.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  t.same([...location.searchParams.keys()], ['code', 'state', 'iss']);
  t.equal(location.searchParams.get('state'), 'st-123');
  t.equal(location.searchParams.get('iss'), 'https://discord.com');
  const [user] = emu.state.listUsers();
  t.match(user, {
    username: 'ana',
    global_name: 'Ana',
    primary_guild: { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'ABCD' },
  });
  t.match(user?.id, /^\d{18,19}$/);

  const token = await emu.call(
    '/oauth2/token',
    formInit({
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
    }),
  );
  t.equal(token.status, 200, 'the code is exchangeable');
  t.match(await token.json(), { scope: 'identify role_connections.write' });
});

t.test('the form sets every primary_guild variant', async (t) => {
  const emu = await emulator(t, { issuer: 'https://issuer.test' });
  const id = '300000000000000003';
  emu.state.addUser({
    id,
    username: 'cy',
    primary_guild: { identity_guild_id: GUILD.id, identity_enabled: true, tag: 'ABCD', badge: 'b' },
  });
  const pick = async (fields: Record<string, string>): Promise<unknown> => {
    const res = await submit(emu, { decision: 'authorize', member: id, ...fields });
    t.equal(res.status, 302);
    t.equal(new URL(res.headers.get('location') ?? '').searchParams.get('iss'), 'https://issuer.test');
    const user = emu.state.getUser(id);
    return user && ('primary_guild' in user ? user.primary_guild : 'missing');
  };
  t.match(await pick({ guild: 'keep' }), { tag: 'ABCD', badge: 'b' });
  t.equal(await pick({ guild: 'null' }), null);
  t.equal(await pick({ guild: 'missing' }), 'missing');
  t.match(await pick({ guild: 'other', other_guild_id: '444444444444444444', identity_enabled: 'false', tag: 'XY' }), {
    identity_guild_id: '444444444444444444',
    identity_enabled: false,
    tag: 'XY',
  });
  t.match(await pick({ guild: '555555555555555555' }), {
    identity_guild_id: '555555555555555555',
    identity_enabled: true,
    tag: null,
    badge: null,
  });
  t.match(await pick({ guild: GUILD.id, identity_enabled: 'null', tag: 'null' }), {
    identity_guild_id: GUILD.id,
    identity_enabled: null,
    tag: null,
    badge: null,
  });
});

t.test('the form picks the member’s client language, which /users/@me then reports', async (t) => {
  const emu = await emulator(t);
  const page = await (await fetch(`${emu.url}/oauth2/authorize?${query()}`)).text();
  t.match(page, '<select name="locale"><option value="keep" selected>', 'the current locale by default');
  t.match(page, '<option value="es-419">es-419 (SpanishLATAM)</option>', 'every Discord locale is offered');
  t.equal((await submit(emu, { decision: 'authorize', member: 'new', username: 'ana' })).status, 302);
  const id = emu.state.listUsers()[0]!.id;
  t.equal(emu.state.getUser(id)?.locale, 'en-US', 'a new member speaks en-US unless told otherwise');
  t.equal((await submit(emu, { decision: 'authorize', member: id, locale: 'ja' })).status, 302);
  t.equal(emu.state.getUser(id)?.locale, 'ja');
  t.equal((await submit(emu, { decision: 'authorize', member: id, locale: 'keep' })).status, 302);
  t.equal(emu.state.getUser(id)?.locale, 'ja', 'keep leaves it as it was');
});

t.test('Cancel redirects with access_denied and the state', async (t) => {
  const emu = await emulator(t);
  const res = await submit(emu, { decision: 'cancel' });
  t.equal(res.status, 302);
  t.equal(
    res.headers.get('location'),
    `${REDIRECT_URI}?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request&state=st-123`,
  );
  t.equal(emu.state.listUsers().length, 0);
});

t.test('bad form posts are refused with a 400 page', async (t) => {
  const emu = await emulator(t);
  const cases: [Record<string, string>, RegExp][] = [
    [{ decision: 'authorize', member: 'new', username: '' }, /username/],
    [{ decision: 'authorize', member: '123' }, /Unknown member/],
    [{ decision: 'authorize', member: 'new', username: 'ana', guild: 'other', other_guild_id: 'abc' }, /snowflake/],
    [{ decision: 'authorize', member: 'new', username: 'ana', guild: GUILD.id, tag: 'TOOLONG' }, /1 to 4/],
    [{ decision: 'authorize', member: 'new', username: 'ana', locale: 'de-DE' }, /not one of Discord’s locale codes/],
    [{ decision: 'maybe' }, /Authorize or Cancel/],
    [{ decision: 'authorize', member: 'new', username: 'ana', redirect_uri: 'http://evil.example/cb' }, /redirect_uri/],
  ];
  for (const [fields, problem] of cases) {
    const res = await submit(emu, fields);
    t.equal(res.status, 400, JSON.stringify(fields));
    t.equal(res.headers.get('location'), null);
    t.match(await res.text(), problem);
  }
});
