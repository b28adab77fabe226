// Shared wiring for the emulator tests: a real emulator on a loopback port, a movable clock and small HTTP helpers.
import type { Test } from 'tap';
import type { EmulatorOptions } from '../../src/emulator/app.js';
import { startEmulator } from '../../src/emulator/server.js';
import type { EmulatorState } from '../../src/emulator/state.js';

export const CLIENT_ID = '100000000000000001';
export const CLIENT_SECRET = 'client-secret-for-tests';
export const BOT_TOKEN = 'bot-token-for-tests';
export const REDIRECT_URI = 'http://127.0.0.1:3000/linked-role/callback';
export const GUILD = { id: '111111111111111111', name: 'Tag Club', tag: 'ABCD' };
export const UA = 'DiscordBot (https://example.test, 1.0.0)';
export const START = Date.UTC(2026, 10, 1);

export interface Emu {
  url: string;
  api: string;
  state: EmulatorState;
  clock: { now: number };
  /** fetch against /api/v10 with the DiscordBot User-Agent. */
  call: (route: string, init?: RequestInit) => Promise<Response>;
  /** A user with a fresh token pair for the given scopes. */
  login: (scopes?: string[], username?: string) => Promise<{ userId: string; access: string; refresh: string }>;
  close: () => Promise<void>;
}

export async function emulator(t: Test, overrides: Partial<EmulatorOptions> = {}): Promise<Emu> {
  const clock = { now: START };
  const running = await startEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    botToken: BOT_TOKEN,
    redirectUris: [REDIRECT_URI],
    guilds: [GUILD],
    clock: () => clock.now,
    rateLimit: false,
    ...overrides,
  });
  t.teardown(() => running.close());
  const api = `${running.url}/api/v10`;
  const call = (route: string, init: RequestInit = {}): Promise<Response> =>
    fetch(api + route, { ...init, headers: { 'User-Agent': UA, ...(init.headers as Record<string, string>) } });
  const login: Emu['login'] = async (scopes = ['identify', 'role_connections.write'], username = 'ana') => {
    const user = running.state.addUser({ username });
    const code = running.state.authorize({ userId: user.id, scopes, redirectUri: REDIRECT_URI });
    const res = await call(
      '/oauth2/token',
      formInit({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
    );
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    return { userId: user.id, access: body.access_token, refresh: body.refresh_token };
  };
  return { url: running.url, api, state: running.state, clock, call, login, close: running.close };
}

/** A POST with a form body, authenticated with client_id/client_secret in the body unless `auth` says otherwise. */
export function formInit(fields: Record<string, string>, auth: 'body' | 'basic' | 'none' = 'body'): RequestInit {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (auth === 'body') {
    body.set('client_id', CLIENT_ID);
    body.set('client_secret', CLIENT_SECRET);
  }
  if (auth === 'basic')
    headers.Authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  return { method: 'POST', body, headers };
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}

/** Asserts a per-user 429 as Discord sends it: body, whole-second Retry-After and the X-RateLimit headers. */
export async function assertUserRateLimited(
  t: Test,
  res: Response,
  expected: { retryAfter: number; retryAfterHeader: string; resetAfterHeader: string },
): Promise<void> {
  t.equal(res.status, 429);
  t.same(await res.json(), { message: 'You are being rate limited.', retry_after: expected.retryAfter, global: false });
  t.equal(res.headers.get('retry-after'), expected.retryAfterHeader);
  t.equal(res.headers.get('x-ratelimit-scope'), 'user');
  t.equal(res.headers.get('x-ratelimit-remaining'), '0');
  t.equal(res.headers.get('x-ratelimit-reset-after'), expected.resetAfterHeader);
  t.equal(res.headers.get('x-ratelimit-global'), null);
}
