// Random identifiers and secrets in the formats Discord uses, so clients see realistic values.
import { randomBytes, randomInt } from 'node:crypto';

/** An 18–19 digit decimal string, like a Discord snowflake. */
export function randomSnowflake(): string {
  const length = randomInt(18, 20);
  let id = String(randomInt(1, 10));
  while (id.length < length) id += String(randomInt(0, 10));
  return id;
}

/** A base64url secret; 24 bytes give 32 characters. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function randomHex(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
