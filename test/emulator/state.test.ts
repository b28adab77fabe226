import t from 'tap';
import { EmulatorState } from '../../src/emulator/state.js';

const make = () =>
  new EmulatorState({
    clock: () => 0,
    codeTtlMs: 1000,
    accessTokenTtlSeconds: 60,
    redirectUris: ['http://app/cb'],
    rateLimit: false,
  });

t.test('addUser creates snowflake ids and replaces on the same id', async (t) => {
  const state = make();
  const user = state.addUser({ username: 'ana' });
  t.match(user.id, /^[1-9]\d{17,18}$/);
  t.same(user, { id: user.id, username: 'ana', global_name: null, locale: 'en-US' });
  t.notOk('primary_guild' in user);

  const guild = { identity_guild_id: '1', identity_enabled: true, tag: 'AB', badge: null };
  state.addUser({ id: user.id, username: 'ana2', global_name: 'Ana', locale: 'pt-BR', primary_guild: guild });
  t.same(state.getUser(user.id), {
    id: user.id,
    username: 'ana2',
    global_name: 'Ana',
    locale: 'pt-BR',
    primary_guild: guild,
  });
  t.equal(state.listUsers().length, 1);

  const copy = state.getUser(user.id);
  if (copy?.primary_guild) copy.primary_guild.tag = 'ZZ';
  t.equal(state.getUser(user.id)?.primary_guild?.tag, 'AB', 'getUser returns a copy');

  state.addUser({ id: user.id, username: 'ana3', primary_guild: null });
  t.equal(state.getUser(user.id)?.primary_guild, null);
  state.setPrimaryGuild(user.id, undefined);
  t.notOk('primary_guild' in (state.getUser(user.id) ?? {}));
  t.throws(() => state.setPrimaryGuild('nobody', null));
  t.equal(state.getUser('nobody'), undefined);
});

t.test('authorize refuses what the consent page would refuse', async (t) => {
  const state = make();
  const { id } = state.addUser({ username: 'ana' });
  t.type(state.authorize({ userId: id, scopes: ['identify'], redirectUri: 'http://app/cb' }), 'string');
  t.throws(
    () => state.authorize({ userId: id, scopes: ['identify'], redirectUri: 'http://app/cb/' }),
    /not registered/,
  );
  t.throws(() => state.authorize({ userId: id, scopes: [], redirectUri: 'http://app/cb' }), /scope/);
  t.throws(
    () => state.authorize({ userId: id, scopes: ['identify', 'guilds.join'], redirectUri: 'http://app/cb' }),
    /guilds\.join/,
  );
  t.throws(
    () => state.authorize({ userId: 'nobody', scopes: ['identify'], redirectUri: 'http://app/cb' }),
    /unknown user/,
  );
});

t.test('a state built without application options still has an application and a key', async (t) => {
  const state = make();
  t.match(state.application, {
    id: /^\d{18,19}$/,
    verify_key: state.publicKeyHex,
    redirect_uris: ['http://app/cb'],
    role_connections_verification_url: null,
    event_webhooks_url: null,
    approximate_guild_count: 0,
  });
  t.match(state.publicKeyHex, /^[0-9a-f]{64}$/);
  t.not(make().publicKeyHex, state.publicKeyHex, 'every state has its own key pair');
  await state.settle();
  t.same(state.deliveries, []);
});
