import t from 'tap';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions, scrubSecrets } from '../../src/observability/logger.js';

function logged(write: (log: pino.Logger) => void): Record<string, unknown> {
  let line = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      line += chunk.toString();
      done();
    },
  });
  const options = loggerOptions('info') as pino.LoggerOptions;
  write(pino(options, stream));
  return JSON.parse(line) as Record<string, unknown>;
}

t.test('a field named like a secret is censored in any object logged', async (t) => {
  const line = logged((log) =>
    log.info(
      {
        tokens: { accessToken: 'a1', refreshToken: 'r1', expiresAt: 5 },
        body: { access_token: 'a2', refresh_token: 'r2', client_secret: 's', code: 'c', grant_type: 'x' },
        userId: '42',
      },
      'saved',
    ),
  );
  t.same(line.tokens, { accessToken: '[redacted]', refreshToken: '[redacted]', expiresAt: 5 });
  t.same(line.body, {
    access_token: '[redacted]',
    refresh_token: '[redacted]',
    client_secret: '[redacted]',
    code: '[redacted]',
    grant_type: 'x',
  });
  t.equal(line.userId, '42', 'plain fields stay');
});

t.test('an error keeps its type, message and stack when a field is censored', async (t) => {
  const error = Object.assign(new TypeError('token refused'), { code: 'secret-code', status: 400 });
  const line = logged((log) => log.error({ err: error }, 'failed'));
  t.match(line.err, { type: 'TypeError', message: 'token refused', code: '[redacted]', status: 400 });
  t.match((line.err as { stack: string }).stack, /TypeError: token refused/);
  t.equal(error.code, 'secret-code', 'the error itself is not changed');
});

t.test('a line with nothing to hide is passed on as it is', async (t) => {
  const fields = { req: { method: 'GET' }, discord: [{ route: '/users/@me' }], n: 1 };
  t.equal(scrubSecrets(fields), fields);
  const tokens = { accessToken: 'a' };
  const scrubbed = scrubSecrets({ tokens });
  t.not(scrubbed.tokens, tokens, 'a copy is censored');
  t.same(tokens, { accessToken: 'a' }, 'the original is untouched');
});
