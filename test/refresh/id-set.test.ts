import t from 'tap';
import { IdSet } from '../../src/refresh/id-set.js';

t.test('holds exactly what a Set of the same ids holds, through many growths', async (t) => {
  const ids = new IdSet();
  const expected = new Set<string>();
  // Snowflakes as Discord makes them: a time in the high bits, small counters in the low ones.
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < 20_000; i += 1) {
    const id = ((1_300_000_000_000n + BigInt(next() % 5_000_000)) << 22n) | BigInt(next() % 4096);
    const text = id.toString();
    if (i % 3 === 0 && expected.size > 0) ids.add([...expected][0]!); // an id added again
    ids.add(text);
    expected.add(text);
  }
  t.equal(ids.size, expected.size);
  let missing = 0;
  for (const id of expected) if (!ids.has(id)) missing += 1;
  t.equal(missing, 0, 'every id added is there');
  let extra = 0;
  for (let i = 0; i < 20_000; i += 1) {
    const id = (((1_400_000_000_000n + BigInt(next())) << 22n) | 1n).toString();
    if (!expected.has(id) && ids.has(id)) extra += 1;
  }
  t.equal(extra, 0, 'no id that was never added');
});

t.test('the largest snowflake, and ids that are not snowflakes', async (t) => {
  const ids = new IdSet();
  const largest = ((1n << 64n) - 1n).toString();
  ids.add(largest).add('u1').add('u1').add('18446744073709551616').add('0').add('');
  t.ok(ids.has(largest));
  t.notOk(ids.has('18446744073709551614'));
  for (const other of ['u1', '18446744073709551616', '0', '']) t.ok(ids.has(other), `${JSON.stringify(other)} kept`);
  t.notOk(ids.has('u2'));
  t.equal(ids.size, 5);
});
