import t from 'tap';
import { startEmulator } from '../../src/emulator/server.js';
import { UA } from './helpers.js';

t.test('startEmulator listens on the given host and closes cleanly', async (t) => {
  const running = await startEmulator(
    { clientId: '1', clientSecret: 's', botToken: 'b', redirectUris: ['http://app/cb'] },
    { host: '127.0.0.1', port: 0 },
  );
  t.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await fetch(`${running.url}/api/v10/users/@me`, { headers: { 'User-Agent': UA } });
  t.equal(res.status, 401);
  t.equal(res.headers.get('x-ratelimit-limit'), '20', 'default rate limit');
  t.equal(running.state.calls.length, 1);
  await running.close();
  const after = await fetch(`${running.url}/`).then(
    () => 'answered',
    () => 'refused',
  );
  t.equal(after, 'refused');
});
