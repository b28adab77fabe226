import t from 'tap';
import { buildApp } from '../../src/app.js';
import { createDiscordClient } from '../../src/discord/client.js';
import { Metrics } from '../../src/observability/metrics.js';
import { runRefresh } from '../../src/refresh/job.js';
import { harness, startVerification, verify, wornTag } from '../helpers.js';

t.test('health and readiness', async (t) => {
  const h = await harness(t);
  const health = await h.app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok' });
  const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
  t.same(ready.json(), { status: 'ready', problems: [] });
  h.db.$client.exec('delete from __drizzle_migrations');
  const behind = await h.app.inject({ method: 'GET', url: '/readyz' });
  t.equal(behind.statusCode, 503);
  t.match(behind.json(), { status: 'not ready', problems: [/migrations not applied/] });
  h.db.$client.exec('drop table __drizzle_migrations');
  t.match((await h.app.inject({ method: 'GET', url: '/readyz' })).json(), { problems: ['database not reachable'] });
});

t.test('every response names its request id', async (t) => {
  const h = await harness(t);
  const a = await h.app.inject({ method: 'GET', url: '/', headers: { 'x-request-id': 'forged\nline' } });
  const b = await h.app.inject({ method: 'GET', url: '/nope' });
  t.match(a.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  t.not(a.headers['x-request-id'], b.headers['x-request-id']);
});

t.test('metrics count HTTP, verifications, Discord calls and members', async (t) => {
  const h = await harness(t);
  const metrics = new Metrics(h.db);
  const discord = createDiscordClient(h.config, h.clock, {
    onResponse: metrics.discordResponse,
    onRateLimit: metrics.rateLimitWait,
  });
  const app = await buildApp({ config: h.config, db: h.db, discord, clock: h.clock, metrics });
  t.teardown(() => app.close());
  const withApp = { ...h, app };
  const ana = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  t.equal((await verify(withApp, ana.id)).statusCode, 200);
  const s = await startVerification(withApp);
  await app.inject({
    method: 'GET',
    url: `/linked-role/callback?error=access_denied&state=${s.state}`,
    headers: { cookie: s.cookie },
  });
  await app.inject({ method: 'GET', url: '/linked-role/callback?code=x&state=y' });
  h.emulator.addFault({ kind: 'rate-limit', target: 'user', retryAfter: 0.05, times: 1 });
  t.equal((await verify(withApp, ana.id)).statusCode, 200);

  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  t.match(
    text,
    /http_requests_total\{route="\/linked-role\/callback",method="GET",status="200"\} 3/,
    'two verifications and one cancel',
  );
  t.match(text, /http_request_duration_seconds_bucket\{le="0.001",route="\/linked-role"/);
  t.match(text, /verifications_started_total 3/);
  t.match(text, /verifications_completed_total\{tag="worn"\} 2/);
  t.match(text, /verifications_failed_total\{reason="cancelled"\} 1/);
  t.match(text, /verifications_failed_total\{reason="bad-state"\} 1/);
  t.match(text, /discord_requests_total\{route="\/users\/@me",method="GET",status="200"\} 2/);
  t.match(text, /discord_requests_total\{route="\/users\/@me",method="GET",status="429"\} 1/);
  t.match(text, /discord_rate_limit_waits_total [1-9]/);
  t.match(text, /linked_members\{status="linked"\} 1/);
  t.match(text, /linked_members\{status="revoked"\} 0/);
  t.match(text, /process_resident_memory_bytes/);
  t.notMatch(text, /refresh_last_run_members\{/, 'no refresh run yet');

  h.clock.now += 3_600_000;
  await runRefresh({ config: h.config, db: h.db, clock: h.clock });
  const after = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  t.match(after, /refresh_last_run_members\{result="checked"\} 1/, 'a run from any process shows up');
  t.match(after, /refresh_last_run_members\{result="unchanged"\} 1/);
  t.match(after, new RegExp(`refresh_last_run_finished_seconds ${h.clock.now / 1000}`));
});

t.test('METRICS_TOKEN protects /metrics', async (t) => {
  const h = await harness(t, { env: { METRICS_TOKEN: 'scrape-secret' } });
  t.equal((await h.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
  const wrong = await h.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
  t.equal(wrong.statusCode, 401);
  const ok = await h.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
  t.equal(ok.statusCode, 200);
  t.match(ok.headers['content-type'], /text\/plain/);
});
