// The benchmark's floor: the least a verification can cost on this machine, so the bench can print
// our CPU per flow as a ratio that holds on any machine. A bare node:http service doing only the
// flow's essential work: an HMAC-signed state cookie, the three Discord calls (token exchange,
// /users/@me, role-connection PUT) over one shared keep-alive undici dispatcher, AES-256-GCM sealing
// of both tokens and one durable SQLite upsert. No framework, no logs, no checks beyond the cookie.
// Reads the same environment as the service (fixture.ts); prints nothing until asked.
import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';

const env = (name: string) => process.env[name] ?? '';
const api = `${env('DISCORD_API_URL')}/v10`;
const clientId = env('DISCORD_CLIENT_ID');
const redirectUri = `${env('PUBLIC_URL')}/linked-role/callback`;
const cookieSecret = env('COOKIE_SECRET');
const tokenKey = Buffer.from(env('TOKEN_ENCRYPTION_KEY'), 'hex');
const tagGuilds = new Set(env('TAG_GUILD_IDS').split(','));
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
const userAgent = 'DiscordBot (https://example.invalid, 1.0)';

const db = new Database(env('DATABASE_PATH'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS members (user_id TEXT PRIMARY KEY, access TEXT NOT NULL,
  refresh TEXT NOT NULL, expires_at INTEGER NOT NULL, tag TEXT NOT NULL, updated_at INTEGER NOT NULL)`);
const upsert = db.prepare(`INSERT INTO members VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET
  access = excluded.access, refresh = excluded.refresh, expires_at = excluded.expires_at,
  tag = excluded.tag, updated_at = excluded.updated_at`);

const sign = (value: string) => createHmac('sha256', cookieSecret).update(value).digest('base64url');

function seal(plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', tokenKey, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    '.',
  );
}

async function discord<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  const res = await request(`${api}${path}`, {
    method,
    headers: { ...headers, 'user-agent': userAgent },
    body,
    dispatcher,
    headersTimeout: 10_000,
  });
  if (res.statusCode >= 300) {
    await res.body.dump();
    throw new Error(`${method} ${path}: ${res.statusCode}`);
  }
  return (await res.body.json()) as T;
}

function answer(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body = '') {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

async function callback(url: URL, cookieHeader: string | undefined, res: ServerResponse) {
  const raw = /(?:^|;\s*)linked_role_state=([^;]*)/.exec(cookieHeader ?? '')?.[1] ?? '';
  const cut = raw.lastIndexOf('.');
  const value = raw.slice(0, cut);
  const mac = Buffer.from(raw.slice(cut + 1));
  const expected = Buffer.from(sign(value));
  const [state, issuedAt] = value.split('.');
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected) || state !== url.searchParams.get('state')) {
    return answer(res, 400, {}, 'bad state');
  }
  if (!(Date.now() - Number(issuedAt) <= 600_000)) return answer(res, 400, {}, 'expired');
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: url.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    client_id: clientId,
    client_secret: env('DISCORD_CLIENT_SECRET'),
  });
  const tokens = await discord<{ access_token: string; refresh_token: string; expires_in: number }>(
    'POST',
    '/oauth2/token',
    { 'content-type': 'application/x-www-form-urlencoded' },
    form.toString(),
  );
  const bearer = { authorization: `Bearer ${tokens.access_token}` };
  const user = await discord<{ id: string; username: string; primary_guild?: Record<string, unknown> | null }>(
    'GET',
    '/users/@me',
    bearer,
  );
  const guild = user.primary_guild;
  const wears = guild?.identity_enabled === true && tagGuilds.has(String(guild.identity_guild_id));
  const connection = {
    platform_name: 'Server tag',
    platform_username: user.username,
    metadata: { wears: wears ? '1' : '0' },
  };
  await discord(
    'PUT',
    `/users/@me/applications/${clientId}/role-connection`,
    {
      ...bearer,
      'content-type': 'application/json',
    },
    JSON.stringify(connection),
  );
  const now = Date.now();
  upsert.run(
    user.id,
    seal(tokens.access_token, `${user.id}:access`),
    seal(tokens.refresh_token, `${user.id}:refresh`),
    now + tokens.expires_in * 1000,
    wears ? 'worn' : 'none',
    now,
  );
  answer(res, 200, { 'set-cookie': 'linked_role_state=; Max-Age=0; Path=/linked-role' }, `<p>${user.username}</p>`);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  if (url.pathname === '/healthz') return answer(res, 200, {}, 'ok');
  if (url.pathname === '/linked-role') {
    const state = randomBytes(32).toString('base64url');
    const value = `${state}.${Date.now()}`;
    const authorize = new URL(env('DISCORD_AUTHORIZE_URL'));
    authorize.search = new URLSearchParams({ response_type: 'code', client_id: clientId, state }).toString();
    return answer(res, 302, {
      location: authorize.href,
      'set-cookie': `linked_role_state=${value}.${sign(value)}; Max-Age=600; Path=/linked-role; HttpOnly; SameSite=Lax`,
    });
  }
  if (url.pathname === '/linked-role/callback') {
    return void callback(url, req.headers.cookie, res).catch((error: Error) => answer(res, 502, {}, error.message));
  }
  answer(res, 404, {}, 'not found');
});
server.listen(Number(env('PORT')), env('HOST'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => void dispatcher.close().then(() => db.close()));
    server.closeAllConnections();
  });
}
