// Comparing a secret the client sent (a state, a CSRF token, a bearer token) without telling it,
// through the time taken, how much of it was right.
import { timingSafeEqual } from 'node:crypto';

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
