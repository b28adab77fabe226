// The application's Ed25519 key pair and Discord's request signature (README §5.1), so receivers can verify events.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SigningKeys {
  privateKey: KeyObject;
  /** The raw 32-byte public key as 64 hex characters: Discord's `verify_key`. */
  publicKeyHex: string;
}

/** The raw public key of an Ed25519 KeyObject (public or private) as hex, read from its JWK `x`. */
export function publicKeyHexOf(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url').toString('hex');
}

export function generateSigningKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyHex: publicKeyHexOf(publicKey) };
}

/** Hex Ed25519 signature of the UTF-8 bytes of `timestamp + body`, as sent in X-Signature-Ed25519. */
export function signRequest(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey).toString('hex');
}
