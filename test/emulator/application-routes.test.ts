import t from 'tap';
import { BOT_TOKEN, CLIENT_ID, GUILD, REDIRECT_URI, bearer, emulator, jsonInit } from './helpers.js';

const bot = { Authorization: `Bot ${BOT_TOKEN}` };
const unauthorized = { message: '401: Unauthorized', code: 0 };
const patch = (body: unknown) => jsonInit('PATCH', body, bot);
const fieldError = (field: string, code: string, message: string | StringConstructor = String) => ({
  code: 50035,
  message: 'Invalid Form Body',
  errors: { [field]: { _errors: [{ code, message }] } },
});

t.test('GET /applications/@me needs the bot token and describes the application', async (t) => {
  const emu = await emulator(t);
  const user = await emu.login(['identify']);
  for (const headers of [{}, { Authorization: 'Bot wrong' }, bearer(user.access), { Authorization: BOT_TOKEN }]) {
    const res = await emu.call('/applications/@me', { headers });
    t.equal(res.status, 401);
    t.same(await res.json(), unauthorized);
  }
  const res = await emu.call('/applications/%40me', { headers: bot });
  t.equal(res.status, 200);
  t.same(await res.json(), {
    id: CLIENT_ID,
    name: 'Tag Roles (emulated)',
    icon: null,
    description: '',
    verify_key: emu.state.publicKeyHex,
    flags: 1 << 15, // GATEWAY_GUILD_MEMBERS_LIMITED by default
    bot_public: true,
    bot_require_code_grant: false,
    redirect_uris: [REDIRECT_URI],
    role_connections_verification_url: null,
    event_webhooks_url: null,
    event_webhooks_status: 1,
    event_webhooks_types: [],
    approximate_guild_count: 1,
    bot: {
      id: CLIENT_ID,
      username: 'Tag Roles (emulated)',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
  });
  t.match(emu.state.calls.at(-1), { method: 'GET', route: '/applications/@me', status: 200, auth: 'bot' });
});

t.test('options set the initial URLs and bot servers', async (t) => {
  const emu = await emulator(t, {
    applicationName: 'Badges',
    botGuildIds: [],
    verificationUrl: 'https://svc.test/linked-role',
    eventWebhooksUrl: 'https://svc.test/discord/events',
  });
  t.match(emu.state.application, {
    name: 'Badges',
    role_connections_verification_url: 'https://svc.test/linked-role',
    event_webhooks_url: 'https://svc.test/discord/events',
    event_webhooks_status: 1,
    approximate_guild_count: 0,
    bot: { username: 'Badges' },
  });
  t.equal((await emu.call(`/guilds/${GUILD.id}`, { headers: bot })).status, 403);
});

t.test('PATCH /applications/@me validates and changes only the editable fields', async (t) => {
  const emu = await emulator(t);
  const before = emu.state.application;
  const send = async (body: unknown, init = patch(body)) => {
    const res = await emu.call('/applications/@me', init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  t.same(await send(null, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{}' }), {
    status: 401,
    body: unauthorized,
  });
  const form = await send(null, { method: 'PATCH', headers: bot, body: new URLSearchParams({ description: 'x' }) });
  t.match(form, { status: 400, body: { code: 50035, errors: { _errors: [{ code: 'CONTENT_TYPE_INVALID' }] } } });
  t.match(await send([]), { status: 400, body: { errors: { _errors: [{ code: 'DICT_TYPE_CONVERT' }] } } });

  const invalidUrl = 'Not a well formed URL.';
  for (const url of [
    'not a url',
    '/relative',
    'ftp://x.test/',
    'http://',
    'http://bad host.test/',
    `https://x.test/${'a'.repeat(2040)}`,
    7,
  ]) {
    t.match(
      await send({ role_connections_verification_url: url }),
      { status: 400, body: fieldError('role_connections_verification_url', 'URL_TYPE_INVALID_URL', invalidUrl) },
      String(url).slice(0, 30),
    );
  }
  t.match(await send({ event_webhooks_url: 'nope' }), {
    body: fieldError('event_webhooks_url', 'URL_TYPE_INVALID_URL', invalidUrl),
  });
  t.match(await send({ custom_install_url: 'nope' }), {
    body: fieldError('custom_install_url', 'URL_TYPE_INVALID_URL', invalidUrl),
  });
  for (const status of [0, 3, '2', null]) {
    t.match(await send({ event_webhooks_status: status }), {
      status: 400,
      body: fieldError('event_webhooks_status', 'BASE_TYPE_CHOICES'),
    });
  }
  t.match(await send({ event_webhooks_types: 'APPLICATION_DEAUTHORIZED' }), {
    body: fieldError('event_webhooks_types', 'LIST_TYPE_CONVERT'),
  });
  const unknownType = await send({ event_webhooks_types: ['APPLICATION_DEAUTHORIZED', 'MESSAGE_CREATE'] });
  t.match(unknownType, {
    status: 400,
    body: { errors: { event_webhooks_types: { 1: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } } },
  });
  t.notOk('0' in ((unknownType.body.errors as Record<string, object>).event_webhooks_types ?? {}));
  t.match(await send({ description: 'x'.repeat(401) }), { body: fieldError('description', 'BASE_TYPE_MAX_LENGTH') });
  t.match(await send({ tags: ['a', 'b', 'c', 'd', 'e', 'f'] }), { body: fieldError('tags', 'BASE_TYPE_MAX_LENGTH') });
  t.match(await send({ tags: ['ok', 'x'.repeat(21)] }), { body: { errors: { tags: { 1: { _errors: [{}] } } } } });
  t.match(await send({ tags: 'x' }), { body: fieldError('tags', 'LIST_TYPE_CONVERT') });
  t.match(await send({ install_params: [] }), { body: fieldError('install_params', 'DICT_TYPE_CONVERT') });
  t.match(await send({ install_params: { scopes: 'bot', permissions: 0 } }), {
    body: { errors: { install_params: { scopes: { _errors: [{}] }, permissions: { _errors: [{}] } } } },
  });
  t.same(emu.state.application, before, 'refused PATCHes change nothing');

  const changed = await send({
    description: 'Roles for tag wearers',
    role_connections_verification_url: 'https://svc.test/linked-role',
    tags: ['roles'],
    custom_install_url: 'https://svc.test/install',
    install_params: { scopes: ['bot'], permissions: '0' },
    event_webhooks_types: ['APPLICATION_DEAUTHORIZED', 'APPLICATION_DEAUTHORIZED'],
    redirect_uris: ['https://evil.test/cb'],
    name: 'Renamed',
    verify_key: 'f'.repeat(64),
    interactions_endpoint_url: 'https://svc.test/interactions',
  });
  t.equal(changed.status, 200);
  t.same(changed.body, {
    ...before,
    description: 'Roles for tag wearers',
    role_connections_verification_url: 'https://svc.test/linked-role',
    event_webhooks_types: ['APPLICATION_DEAUTHORIZED'],
    tags: ['roles'],
    custom_install_url: 'https://svc.test/install',
    install_params: { scopes: ['bot'], permissions: '0' },
  });
  t.same((await (await emu.call('/applications/@me', { headers: bot })).json()) as unknown, changed.body);
  t.match(emu.state.calls.at(-2), {
    method: 'PATCH',
    route: '/applications/@me',
    status: 200,
    auth: 'bot',
    body: { redirect_uris: ['https://evil.test/cb'] },
  });

  const cleared = await send({
    role_connections_verification_url: null,
    tags: null,
    custom_install_url: null,
    install_params: null,
  });
  t.same(cleared.body, {
    ...before,
    description: 'Roles for tag wearers',
    event_webhooks_types: ['APPLICATION_DEAUTHORIZED'],
  });

  t.equal((await send({ event_webhooks_status: 2 })).body.event_webhooks_status, 2);
  emu.state.updateApplication({ event_webhooks_url: 'https://svc.test/events', description: 'changed' });
  t.equal(emu.state.application.description, 'changed');
  t.equal((await fetch(`${emu.url}/_emulator/reset`, { method: 'POST' })).status, 204);
  t.same(emu.state.application, before, 'reset restores the starting settings');
});
