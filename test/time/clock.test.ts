import t from 'tap';
import { systemClock } from '../../src/time/clock.js';
t.test('system clock follows Date.now', async (t) => {
  const before = Date.now();
  const now = systemClock();
  t.ok(now >= before && now <= Date.now());
});
