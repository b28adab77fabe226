import t from 'tap';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { noteForLog, recordDiscordCall, RequestLog } from '../../src/observability/request-log.js';

function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream }, logController: new RequestLog() });
  return { app, lines };
}

t.test('one line per answered request, with what the request noted', async (t) => {
  const { app, lines } = appWithLog();
  app.get('/plain', async () => 'ok');
  app.get('/noted', async (request) => {
    recordDiscordCall(request, { method: 'GET', route: '/users/@me', status: 200, ms: 1.1 });
    recordDiscordCall(request, { method: 'PUT', route: '/x', status: 204, ms: 0.2 });
    recordDiscordCall(request, { method: 'PUT', route: '/y', status: 204 });
    noteForLog(request, { outcome: 'verified', userId: 'u1' });
    return 'ok';
  });
  t.teardown(() => app.close());
  await app.inject('/plain');
  await app.inject('/noted');
  t.same(
    lines.map((line) => line.msg),
    ['request completed', 'request completed'],
    'no "incoming request" lines',
  );
  t.match(lines[0], { level: 30, req: { method: 'GET', url: '/plain' }, res: { statusCode: 200 } });
  t.type(lines[0]!.responseTime, 'number');
  t.notOk('discord' in lines[0]!, 'nothing noted: nothing added');
  t.match(lines[1], {
    outcome: 'verified',
    userId: 'u1',
    discord: [
      { method: 'GET', route: '/users/@me', status: 200, ms: 1.1 },
      { method: 'PUT', route: '/x', status: 204, ms: 0.2 },
      { method: 'PUT', route: '/y', status: 204 },
    ],
    discordMs: 1.3,
  });
  t.notOk('discordMs' in lines[0]!, 'no calls: no wait');
});

t.test('an answer that fails on the way out is an error line', async (t) => {
  const { app, lines } = appWithLog();
  // Fastify calls this when the response stream errors, which inject cannot make happen.
  app.get('/broken', async (request, reply) => {
    new RequestLog().requestCompleted(new Error('socket gone'), request, reply);
    return 'ok';
  });
  t.teardown(() => app.close());
  await app.inject('/broken');
  t.match(lines[0], { level: 50, msg: 'request errored', err: { message: 'socket gone' }, req: { url: '/broken' } });
  t.equal(lines.length, 2, 'and fastify then logs its own completion');
});
