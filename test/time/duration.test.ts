import t from 'tap';
import { formatDuration, parseDuration } from '../../src/time/duration.js';

t.test('durations parse in every unit and combination', async (t) => {
  t.equal(parseDuration('500ms'), 500);
  t.equal(parseDuration('90s'), 90_000);
  t.equal(parseDuration('15m'), 900_000);
  t.equal(parseDuration('1h30m'), 5_400_000);
  t.equal(parseDuration(' 1.5h '), 5_400_000);
  t.equal(parseDuration('1d'), 86_400_000);
  for (const bad of ['', '10', 'x', '1d2', 'h', '1 h', '-1h']) t.equal(parseDuration(bad), null, JSON.stringify(bad));
});

t.test('durations print for people', async (t) => {
  t.equal(formatDuration(12.4), '12 ms');
  t.equal(formatDuration(1_500), '1.5 s');
  t.equal(formatDuration(125_000), '2 min 5 s');
  t.equal(formatDuration(3 * 3_600_000 + 60_000), '3 h 1 min');
});
