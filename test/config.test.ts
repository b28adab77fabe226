import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError, DEFAULTS, loadConfig, loadDotEnv, type CommandName } from '../src/config.js';

const valid = {
  DISCORD_CLIENT_ID: '123456789012345678',
  DISCORD_CLIENT_SECRET: 'secret',
  PUBLIC_URL: 'https://roles.example.org/',
  COOKIE_SECRET: 'c'.repeat(32),
  TAG_GUILD_IDS: '111111111111111111, 222222222222222222',
  TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32),
};

const problemsOf = (env: Record<string, string | undefined>, command: CommandName = 'serve'): string[] => {
  try {
    loadConfig(env, command);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

t.test('a minimal environment gets the documented defaults', async (t) => {
  const config = loadConfig(valid);
  t.equal(config.publicUrl, 'https://roles.example.org');
  t.equal(config.redirectUri, 'https://roles.example.org/linked-role/callback');
  t.same(config.tagGuildIds, ['111111111111111111', '222222222222222222']);
  t.equal(config.databasePath, DEFAULTS.databasePath);
  t.equal(config.host, '127.0.0.1');
  t.equal(config.port, 3000);
  t.equal(config.platformName, 'Server Tag');
  t.equal(config.logLevel, 'info');
  t.equal(config.discordApiUrl, 'https://discord.com/api');
  t.equal(config.discordAuthorizeUrl, 'https://discord.com/oauth2/authorize');
  t.equal(config.botToken, undefined);
  t.equal(config.refreshConcurrency, 8);
  t.equal(config.refreshTokenMargin, 86_400_000);
  t.equal(config.refreshInterval, null);
  t.same(config.tokenKey, Buffer.alloc(32, 0xab));
  t.equal(config.tokenKeyDerived, false);
  t.equal(config.oldTokenKeys.length, 1, 'the key derived from COOKIE_SECRET still opens older rows');
  t.equal(config.discordPublicKey, undefined);
  t.equal(config.trustProxy, false);
  t.equal(config.rateLimitPerMinute, 60);
});

t.test('without TOKEN_ENCRYPTION_KEY tokens are sealed under a key derived from COOKIE_SECRET', async (t) => {
  const { TOKEN_ENCRYPTION_KEY: _key, ...noKey } = valid;
  const derived = loadConfig(noKey);
  t.equal(derived.tokenKeyDerived, true);
  t.equal(derived.tokenKey.length, 32);
  t.same(loadConfig(noKey).tokenKey, derived.tokenKey, 'stable across starts');
  t.notSame(loadConfig({ ...noKey, COOKIE_SECRET: 'd'.repeat(32) }).tokenKey, derived.tokenKey);
  t.same(loadConfig(valid).oldTokenKeys.at(-1), derived.tokenKey, 'and keeps opening what it sealed once a key is set');
  t.match(problemsOf({ ...noKey, COOKIE_SECRET: 'short' }), [
    /COOKIE_SECRET must be at least 32/,
    /TOKEN_ENCRYPTION_KEY is required/,
  ]);
});

t.test('a missing key names what else would do, for each command that seals tokens', async (t) => {
  const hint = '32 random bytes as hex or base64, e.g. `openssl rand -hex 32`';
  const { TOKEN_ENCRYPTION_KEY: _key, COOKIE_SECRET: _secret, ...neither } = valid;
  for (const command of ['serve', 'setup'] as const) {
    const problems = problemsOf({ ...neither, DISCORD_BOT_TOKEN: 'b' }, command);
    t.same(
      problems,
      [
        'COOKIE_SECRET is required (a random string of at least 32 characters)',
        `TOKEN_ENCRYPTION_KEY is required (${hint}), or a valid COOKIE_SECRET, from which it is derived`,
      ],
      `${command}: either variable fixes it`,
    );
  }
  for (const command of ['refresh', 'forget'] as const) {
    t.same(
      problemsOf(neither, command),
      [
        `TOKEN_ENCRYPTION_KEY is required (${hint}), or the service’s COOKIE_SECRET when the service runs without TOKEN_ENCRYPTION_KEY (its key is derived from it)`,
      ],
      `${command}: the service's secret is what opens its tokens`,
    );
    t.same(problemsOf({ ...neither, COOKIE_SECRET: valid.COOKIE_SECRET }, command), [], `${command}: and it does`);
  }
  t.same(problemsOf({}, 'rotate-keys'), [`TOKEN_ENCRYPTION_KEY is required (${hint})`], 'rotate-keys wants a key');
});

t.test('security settings', async (t) => {
  const config = loadConfig({
    ...valid,
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    TOKEN_ENCRYPTION_KEYS_OLD: `${'cd'.repeat(32)}, ${Buffer.alloc(32, 2).toString('base64url')}`,
    DISCORD_PUBLIC_KEY: 'AB'.repeat(32),
    TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  t.same(config.tokenKey, Buffer.alloc(32, 1));
  t.same(config.oldTokenKeys.slice(0, 2), [Buffer.alloc(32, 0xcd), Buffer.alloc(32, 2)]);
  t.equal(config.discordPublicKey, 'ab'.repeat(32));
  t.same(config.trustProxy, ['10.0.0.0/8', '192.168.1.1']);
  t.equal(config.rateLimitPerMinute, 0);
  t.equal(loadConfig({ ...valid, TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(loadConfig({ ...valid, TRUST_PROXY: '2' }).trustProxy, 2);
  t.same(
    problemsOf({
      ...valid,
      TOKEN_ENCRYPTION_KEY: 'abc',
      TOKEN_ENCRYPTION_KEYS_OLD: 'nope',
      DISCORD_PUBLIC_KEY: 'xyz',
      TRUST_PROXY: 'everyone',
      RATE_LIMIT_PER_MINUTE: '-1',
    }),
    [
      'TOKEN_ENCRYPTION_KEY must be exactly 32 bytes written as 64 hex characters or base64',
      'TOKEN_ENCRYPTION_KEYS_OLD: key 1 must be 32 bytes as hex or base64',
      'DISCORD_PUBLIC_KEY must be the 64 hex characters of the application public key',
      'TRUST_PROXY must be true, false, a number of proxy hops, or comma-separated proxy IPs/CIDRs',
      'RATE_LIMIT_PER_MINUTE must be a whole number (0 = off), got "-1"',
    ],
  );
});

t.test('every setting can be overridden', async (t) => {
  const config = loadConfig({
    ...valid,
    DISCORD_BOT_TOKEN: 'bot',
    DATABASE_PATH: '/tmp/x.sqlite',
    HOST: '0.0.0.0',
    PORT: '8080',
    PLATFORM_NAME: 'Tag Club',
    LOG_LEVEL: 'debug',
    DISCORD_API_URL: 'http://127.0.0.1:3999/api/',
    DISCORD_AUTHORIZE_URL: 'http://127.0.0.1:3999/oauth2/authorize',
    REFRESH_CONCURRENCY: '16',
    REFRESH_TOKEN_MARGIN: '12h',
    REFRESH_INTERVAL: '6h',
  });
  t.equal(config.refreshConcurrency, 16);
  t.equal(config.refreshTokenMargin, 43_200_000);
  t.equal(config.refreshInterval, 21_600_000);
  t.equal(loadConfig({ ...valid, REFRESH_INTERVAL: 'off' }).refreshInterval, null);
  t.equal(config.botToken, 'bot');
  t.equal(config.databasePath, '/tmp/x.sqlite');
  t.equal(config.host, '0.0.0.0');
  t.equal(config.port, 8080);
  t.equal(config.platformName, 'Tag Club');
  t.equal(config.logLevel, 'debug');
  t.equal(config.discordApiUrl, 'http://127.0.0.1:3999/api');
  t.equal(config.discordAuthorizeUrl, 'http://127.0.0.1:3999/oauth2/authorize');
});

t.test('every problem is named at once', async (t) => {
  const problems = problemsOf({
    DISCORD_CLIENT_ID: 'abc',
    PUBLIC_URL: 'ftp://x',
    COOKIE_SECRET: 'short',
    TAG_GUILD_IDS: '1,222222222222222222',
    PORT: '70000',
    PLATFORM_NAME: 'x'.repeat(51),
    LOG_LEVEL: 'loud',
    DISCORD_API_URL: 'https://discord.com/api/v10',
    DISCORD_AUTHORIZE_URL: 'not a url',
    REFRESH_CONCURRENCY: '100',
    REFRESH_TOKEN_MARGIN: 'soon',
    REFRESH_INTERVAL: '10s',
  });
  const expected = [
    /DISCORD_CLIENT_ID must be a Discord id/,
    /DISCORD_CLIENT_SECRET is required/,
    /PUBLIC_URL must start with http/,
    /COOKIE_SECRET must be at least 32/,
    /TAG_GUILD_IDS: "1" is not a Discord id/,
    /PORT must be a whole number/,
    /PLATFORM_NAME must be at most 50/,
    /LOG_LEVEL must be one of/,
    /DISCORD_API_URL must not include the API version/,
    /DISCORD_AUTHORIZE_URL is not a valid URL/,
    /REFRESH_CONCURRENCY must be a whole number from 1 to 64, got "100"/,
    /REFRESH_TOKEN_MARGIN must be a duration such as 30m, 12h or 1d, got "soon"/,
    /REFRESH_INTERVAL must be at least 1m/,
    /TOKEN_ENCRYPTION_KEY is required/,
  ];
  t.equal(problems.length, expected.length, problems.join('\n'));
  for (const pattern of expected)
    t.ok(
      problems.some((p) => pattern.test(p)),
      String(pattern),
    );
});

t.test('empty values count as missing, and each command needs what the table says', async (t) => {
  const problems = problemsOf({ ...valid, DISCORD_CLIENT_SECRET: '  ', TAG_GUILD_IDS: ' , ' }, 'setup');
  t.same(problems, [
    'DISCORD_CLIENT_SECRET is required (OAuth2 → Client Secret in the developer portal)',
    'DISCORD_BOT_TOKEN is required (Bot → Token in the developer portal)',
    'TAG_GUILD_IDS is required (comma-separated ids of the servers whose tag counts)',
  ]);
  t.same(problemsOf({ DISCORD_CLIENT_ID: valid.DISCORD_CLIENT_ID, DISCORD_BOT_TOKEN: 'b' }, 'register'), []);
  t.same(problemsOf({}, 'status'), [], 'status and backup need nothing');
  t.same(problemsOf({}, 'backup'), []);
  t.same(problemsOf({}, 'rotate-keys'), [
    'TOKEN_ENCRYPTION_KEY is required (32 random bytes as hex or base64, e.g. `openssl rand -hex 32`)',
  ]);
  t.same(problemsOf({ COOKIE_SECRET: 'c'.repeat(32) }, 'rotate-keys'), [], 'a key derived from COOKIE_SECRET will do');
  t.match(
    problemsOf({ PORT: 'x' }, 'status'),
    [/PORT must be/],
    'what a command does not need is still checked when set',
  );
  const refresh = problemsOf({ TOKEN_ENCRYPTION_KEY: valid.TOKEN_ENCRYPTION_KEY }, 'refresh');
  t.same(
    refresh.map((p) => p.split(' ')[0]),
    ['DISCORD_CLIENT_ID', 'DISCORD_CLIENT_SECRET', 'TAG_GUILD_IDS'],
    'refresh needs no PUBLIC_URL or COOKIE_SECRET',
  );
  t.match(problemsOf({ ...valid, PUBLIC_URL: 'https://x.org/?a=1' })[0], /must not contain credentials, a query/);
  for (const url of ['https://x.org/?', 'https://x.org/#', 'https://x.org/roles#top', 'https://u:p@x.org']) {
    t.same(
      problemsOf({ ...valid, PUBLIC_URL: url }),
      ['PUBLIC_URL must not contain credentials, a query or a fragment'],
      `${url}: even an empty query or fragment would break the redirect URI`,
    );
  }
});

t.test('the error message lists the problems and never the secret', async (t) => {
  const error = t.throws(() => loadConfig({ ...valid, COOKIE_SECRET: 'tiny-secret' })) as Error;
  t.match(error.message, /Invalid configuration:\n {2}- COOKIE_SECRET must be at least 32/);
  t.notMatch(error.message, /tiny-secret/);
});

t.test('.env is read when present and never overrides the environment', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'env-'));
  const file = join(dir, '.env');
  writeFileSync(file, 'LR_TEST_A=from-file\nLR_TEST_B=from-file\n');
  process.env.LR_TEST_A = 'from-env';
  t.teardown(() => {
    delete process.env.LR_TEST_A;
    delete process.env.LR_TEST_B;
  });
  loadDotEnv(file);
  t.equal(process.env.LR_TEST_A, 'from-env');
  t.equal(process.env.LR_TEST_B, 'from-file');
  loadDotEnv(join(dir, 'missing.env'));
  const unreadable = join(dir, 'folder.env');
  mkdirSync(unreadable);
  t.throws(
    () => loadDotEnv(unreadable),
    {
      name: 'ConfigError',
      message: /folder\.env is there but could not be read(?: \(E[A-Z]+\))?: let this user read it/,
    },
    'a .env that cannot be read is named, not a stack trace',
  );
});
