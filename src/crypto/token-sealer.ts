// Seals OAuth tokens before they reach the database (AES-256-GCM), so a copy of the file reveals no
// token. Each sealed value names its key, so keys can rotate: old keys still open, the current seals.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { randomBytes } from './random-bytes.js';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SealError extends Error {
  override name = 'SealError';
}

/** Decodes a 32-byte key written as 64 hex characters or as base64 / base64url. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : null;
  return key?.length === 32 ? key : null;
}

/** A short public id of a key (not reversible), stored with each sealed value. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('token-key-id:').update(key).digest('hex').slice(0, 8);
}

/** A token as stored: only `TokenSealer.seal` makes one, so a plain token can never be written by mistake. */
export type Sealed = string & { readonly __sealed: unique symbol };

export class TokenSealer {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, old: readonly Buffer[] = []) {
    this.currentKeyId = keyId(current);
    for (const key of old) this.keys.set(keyId(key), key);
    this.keys.set(this.currentKeyId, current);
  }

  /** `context` (e.g. user id and field) is authenticated too: a value moved to another row won't open. */
  seal(plain: string, context: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return [VERSION, this.currentKeyId, ...parts].join('.') as Sealed;
  }

  open(sealed: Sealed, context: string): string {
    const [version, id, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || !id || iv === undefined || body === undefined || tag === undefined) {
      throw new SealError('not a sealed token');
    }
    const key = this.keys.get(id);
    if (!key) throw new SealError(`sealed with unknown key ${id}: add it to TOKEN_ENCRYPTION_KEYS_OLD`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealError('a sealed token failed authentication (wrong key or tampered)');
    }
  }

  /** Whether a sealed value was made with an older key. */
  isStale(sealed: Sealed): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }
}

/** The sealer for the configured keys. */
export function sealerFor(config: { tokenKey: Buffer; oldTokenKeys: readonly Buffer[] }): TokenSealer {
  return new TokenSealer(config.tokenKey, config.oldTokenKeys);
}
