import t from 'tap';
import { randomBytes } from '../../src/crypto/random-bytes.js';

t.test('each call gets bytes of its own, across refills of the pool', async (t) => {
  // 12-byte IVs: a few thousand span several refills, and a repeat would mean bytes handed out twice.
  const ivs = Array.from({ length: 2_000 }, () => randomBytes(12));
  t.ok(
    ivs.every((iv) => iv.length === 12),
    'every IV has 12 bytes',
  );
  t.equal(new Set(ivs.map((iv) => iv.toString('hex'))).size, 2_000, 'no IV repeats');
});

t.test('a returned buffer is a copy: the next refill does not change it', async (t) => {
  const first = randomBytes(32);
  const kept = Buffer.from(first);
  for (let i = 0; i < 300; i += 1) randomBytes(32);
  t.same(first, kept);
});

t.test('sizes over the pool and of zero', async (t) => {
  t.equal(randomBytes(10_000).length, 10_000);
  t.equal(randomBytes(0).length, 0);
  const big = randomBytes(8_192);
  t.not(big.subarray(0, 4_096).toString('hex'), big.subarray(4_096).toString('hex'), 'not the pool twice');
});
