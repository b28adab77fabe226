import t from 'tap';
import { keyId, parseKey, SealError, TokenSealer, type Sealed } from '../../src/crypto/token-sealer.js';

const key = Buffer.alloc(32, 3);

t.test('keys are read from hex or base64 and must be 32 bytes', async (t) => {
  t.same(parseKey('03'.repeat(32)), key);
  t.same(parseKey(key.toString('base64')), key);
  t.same(parseKey(key.toString('base64url')), key);
  for (const bad of ['', 'xyz', '03'.repeat(31), Buffer.alloc(31).toString('base64'), 'g'.repeat(64)]) {
    t.equal(parseKey(bad), null, bad);
  }
});

t.test('sealing round-trips, is randomized and binds its context', async (t) => {
  const sealer = new TokenSealer(key);
  const a = sealer.seal('token-value', 'u1:access');
  const b = sealer.seal('token-value', 'u1:access');
  t.not(a, b, 'a fresh IV each time');
  t.notMatch(a, /token-value/);
  t.equal(sealer.open(a, 'u1:access'), 'token-value');
  t.throws(() => sealer.open(a, 'u2:access'), SealError, 'moved to another row');
  const [v, id, iv, body, tag] = a.split('.');
  t.equal(id, keyId(key));
  const flipped = `${v}.${id}.${iv}.${body!.slice(0, -2)}AA.${tag}`;
  // What a tampered or foreign column would hold: text that never came out of seal().
  t.throws(() => sealer.open(flipped as Sealed, 'u1:access'), /failed authentication/);
  t.throws(() => sealer.open('plain' as Sealed, 'u1:access'), /not a sealed token/);
  t.notOk(sealer.isStale(a));
  t.ok(new TokenSealer(Buffer.alloc(32, 4), [key]).isStale(a));
});
