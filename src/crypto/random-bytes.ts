// Random bytes for state values, nonces and IVs, handed out from a pool that one call refills:
// each crypto.randomBytes() is a trip into OpenSSL that, for a dozen bytes, costs far more than the
// bytes (about 2 µs against 0.1 µs here), and a verification takes four of them.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let used = POOL_BYTES;

/** `size` fresh bytes from the system's CSPRNG; no byte is ever handed out twice. */
export function randomBytes(size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  if (size > POOL_BYTES) return randomFillSync(out);
  if (used + size > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  pool.copy(out, 0, used, used + size);
  used += size;
  return out;
}
