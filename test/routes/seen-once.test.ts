import t from 'tap';
import { SeenOnce } from '../../src/routes/seen-once.js';

t.test('a value is accepted once and forgotten when it would have expired', async (t) => {
  const spent = new SeenOnce(1_000);
  t.equal(spent.firstTime('a', 0), true);
  t.equal(spent.firstTime('a', 999), false, 'refused while it lives');
  t.equal(spent.firstTime('b', 500), true);
  t.equal(spent.firstTime('a', 1_000), true, 'forgotten once expired (its age check refuses it from then on)');
  t.equal(spent.size, 2, 'b (until 1,500) and a again');
});

t.test('memory is bounded: past the limit the oldest are forgotten first', async (t) => {
  const spent = new SeenOnce(60_000, 3);
  for (const state of ['a', 'b', 'c', 'd']) t.equal(spent.firstTime(state, 0), true, state);
  t.equal(spent.size, 3);
  t.equal(spent.firstTime('d', 0), false);
  t.equal(spent.firstTime('a', 0), true, 'the oldest went first');
});
