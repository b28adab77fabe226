import t from 'tap';
import { redactUrl } from '../../src/observability/logger.js';
import { appWithLogs, harness, startVerification, TOKEN_KEY, wornTag } from '../helpers.js';

t.test('URLs lose the values of secret parameters', async (t) => {
  t.equal(
    redactUrl('/linked-role/callback?code=abc&state=def&iss=x'),
    '/linked-role/callback?code=[redacted]&state=[redacted]&iss=x',
  );
  t.equal(
    redactUrl('/x?refresh_token=1&access_token=2&token=3'),
    '/x?refresh_token=[redacted]&access_token=[redacted]&token=[redacted]',
  );
  t.equal(redactUrl('/linked-role'), '/linked-role');
  t.equal(
    redactUrl('/linked-role/callback?%63ode=abc&CODE=d&code[]=e&State=f&client_secret=g&csrf=h&lang=fr#top'),
    '/linked-role/callback?%63ode=[redacted]&CODE=[redacted]&code[]=[redacted]&State=[redacted]&client_secret=[redacted]&csrf=[redacted]&lang=fr#top',
    'names as a server decodes them',
  );
  t.equal(redactUrl('/x?%zz=1&a=%&code'), '/x?%zz=1&a=%&code', 'broken encoding or no value: kept as it is');
});

t.test('no secret appears in any log line of a full, a failing and a disconnect flow', async (t) => {
  const h = await harness(t, { client: { retries: 0 } });
  const { app, logs: captured } = await appWithLogs(t, h, 'trace');
  const secrets: string[] = [h.config.clientSecret, h.config.cookieSecret, 'test-bot-token', TOKEN_KEY];

  const flow = async (userId: string) => {
    const s = await startVerification({ ...h, app });
    const code = h.emulator.authorize({
      userId,
      scopes: ['identify', 'role_connections.write'],
      redirectUri: h.config.redirectUri,
    });
    secrets.push(code, s.state, s.cookie.split('=')[1]!);
    return app.inject({
      method: 'GET',
      url: `/linked-role/callback?code=${code}&state=${s.state}`,
      headers: { cookie: s.cookie, authorization: 'Bearer should-not-be-logged' },
    });
  };
  const ana = h.emulator.addUser({ username: 'ana', primary_guild: wornTag() });
  const ok = await flow(ana.id);
  t.equal(ok.statusCode, 200);
  const member = h.members.get(ana.id)!;
  secrets.push(member.accessToken!, member.refreshToken!, 'should-not-be-logged');

  h.emulator.addFault({ kind: 'status', target: 'role-connection', status: 500, times: 1 });
  t.equal((await flow(ana.id)).statusCode, 502);
  h.emulator.addFault({ kind: 'status', target: 'token', status: 400, times: 1 });
  t.equal((await flow(ana.id)).statusCode, 502, 'an unexpected Discord refusal is logged as an error');
  const again = h.members.get(ana.id)!;
  secrets.push(again.accessToken!, again.refreshToken!);

  const session = ([] as string[])
    .concat(ok.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('linked_role_session='))!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(ok.body)![1]!;
  secrets.push(csrf, session.split(';')[0]!.split('=')[1]!);
  await app.inject({
    method: 'POST',
    url: '/linked-role/disconnect',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.split(';')[0]! },
    payload: `csrf=${csrf}`,
  });

  const logs = captured.text;
  const lines = logs
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          reqId?: string;
          msg: string;
          outcome?: string;
          userId?: string;
          discord?: { route: string; status: number; ms?: number }[];
          discordMs?: number;
          responseTime?: number;
        },
    );
  const verified = lines.find((l) => l.outcome === 'verified')!;
  t.match(verified, { msg: 'request completed', userId: ana.id }, 'the line of a verification names its member');
  const completed = lines.filter((l) => l.reqId === verified.reqId);
  t.equal(completed.length, 1, 'one line for the request when it is answered');
  t.same(
    completed[0]?.discord?.map((call) => call.route),
    ['/oauth2/token', '/users/@me', '/users/@me/applications/:id/role-connection'],
    'each Discord call of a verification is in its request line',
  );
  const waits = completed[0]!.discord!.map((call) => call.ms!);
  t.ok(
    waits.every((ms) => typeof ms === 'number' && ms > 0),
    `each call says how long Discord took: ${waits.join(', ')}`,
  );
  const { discordMs = NaN, responseTime = NaN } = completed[0]!;
  t.ok(
    Math.abs(discordMs - waits.reduce((sum, ms) => sum + ms, 0)) < 0.01 && discordMs < responseTime,
    `discordMs ${discordMs} is their sum, within the request's ${responseTime} ms`,
  );
  t.ok(
    lines.some((l) => l.outcome === 'disconnected' && l.userId === ana.id && l.msg === 'request completed'),
    'the line of a disconnect names its member',
  );
  t.match(logs, /request failed/);
  t.match(logs, /code=\[redacted\]&state=\[redacted\]/);
  for (const secret of secrets) t.notOk(logs.includes(secret), `secret of length ${secret.length} is not logged`);
});
