// One member's complete verification as the bench drives it, shared by the verification and paired
// sections: members seeded in the emulator with their codes issued up front, then GET /linked-role
// and the callback with its state cookie and a code, each member on its own connection.
import type { Agent } from 'node:http';
import { SCOPES, memberId, wornTag } from './fixture.js';
import { pool, type HttpClient } from './http.js';

/** Seeds `count` members wearing the tag and returns their ids and one authorization code each. */
export async function seedMembers(
  control: HttpClient,
  idBase: number,
  count: number,
  redirectUri: string,
): Promise<{ ids: string[]; codes: string[] }> {
  const ids = Array.from({ length: count }, (_, i) => memberId(idBase, i));
  for (let start = 0; start < count; start += 5_000) {
    const users = ids
      .slice(start, start + 5_000)
      .map((id) => ({ id, username: `v${id.slice(-7)}`, primary_guild: wornTag }));
    await control.json('POST', '/_emulator/seed', { users });
  }
  // As if each member had pressed Authorize: the consent page is Discord's, not ours, and is not
  // part of the measurement.
  const codes: string[] = new Array<string>(count);
  await pool(count, 16, async (i) => {
    const body = { userId: ids[i], scopes: SCOPES, redirectUri };
    codes[i] = (await control.json<{ code: string }>('POST', '/_emulator/authorize', body)).code;
  });
  return { ids, codes };
}

export type FlowOutcome = { startMs: number; callbackMs: number } | { error: string };

/** GET /linked-role, then the callback with the state cookie it set and `code`. */
export async function completeFlow(app: HttpClient, agent: Agent, code: string): Promise<FlowOutcome> {
  const a = performance.now();
  const first = await app.request('GET', '/linked-role', { agent });
  const b = performance.now();
  const cookie = ([] as string[])
    .concat(first.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('linked_role_state='))
    ?.split(';')[0];
  const state = new URL(String(first.headers.location ?? 'x:'), 'http://x').searchParams.get('state');
  if (first.status !== 302 || !cookie || !state) {
    return { error: `GET /linked-role: ${first.status} ${first.body.slice(0, 200)}` };
  }
  const query = new URLSearchParams({ code, state, iss: 'https://discord.com' });
  const c = performance.now();
  const second = await app.request('GET', `/linked-role/callback?${query.toString()}`, { headers: { cookie }, agent });
  const d = performance.now();
  if (second.status !== 200) return { error: `callback: ${second.status} ${second.body.slice(0, 200)}` };
  return { startMs: b - a, callbackMs: d - c };
}
