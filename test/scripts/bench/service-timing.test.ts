import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceOverhead, settledLog } from '../../../scripts/bench/service-timing.js';

const line = (entry: object) => JSON.stringify({ level: 30, ...entry });
const log = [
  line({ reqId: 'a', res: { statusCode: 302 }, responseTime: 0.5, msg: 'request completed' }),
  line({
    reqId: 'b',
    outcome: 'verified',
    userId: 'u1',
    res: { statusCode: 200 },
    responseTime: 3,
    discordMs: 1.25,
    msg: 'request completed',
  }),
  line({ reqId: 'c', res: { statusCode: 200 }, responseTime: 9, msg: 'request completed' }),
  'not json from a warning',
  line({ reqId: 'd', res: { statusCode: 302 }, responseTime: 1.5, msg: 'request completed' }),
].join('\n');

t.test('callbacks are found by their outcome and lose their waits on Discord; 302s are starts', async (t) => {
  const times = serviceOverhead(log)!;
  t.match(times.callback, { n: 1, p50: 1.75 });
  t.match(times.start, { n: 2, p50: 0.5, max: 1.5 });
  t.equal(serviceOverhead(line({ msg: 'server listening' })), null, 'no request lines: no figure');
});

t.test('settledLog returns what was written after the offset', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'timing-')), 'service.log');
  writeFileSync(file, 'before\nafter\n');
  t.equal(await settledLog(file, 7, 10), 'after\n');
});
