// A small Webhook Events receiver on a loopback port, so tests see exactly what the emulator sends and how it is signed.
import { createPublicKey, verify } from 'node:crypto';
import { loopbackListener } from '../helpers.js';
import Fastify from 'fastify';
import type { Test } from 'tap';

export interface Received {
  headers: Record<string, string | undefined>;
  body: string;
  /** The Ed25519 signature checked out against the key the receiver was given. */
  valid: boolean;
}

/** Discord's check (src/emulator/README.md §5.1): Ed25519 over the UTF-8 bytes of timestamp + raw body, key as raw hex. */
export function signatureValid(publicKeyHex: string, timestamp: string, body: string, signatureHex: string): boolean {
  const key = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  return verify(null, Buffer.from(timestamp + body), key, Buffer.from(signatureHex, 'hex'));
}

/**
 * 'verify' answers 204 to good signatures and 401 otherwise, like a correct service; 'verify-200' the same but
 * 200 with a body instead of 204; 'accept-all' answers 204 to anything (a service that forgot to verify); a
 * number answers that status to everything. With `hold`, no answer goes out before that promise settles.
 */
export async function receiver(
  t: Test,
  publicKeyHex: string,
  mode: 'verify' | 'verify-200' | 'accept-all' | number = 'verify',
  hold?: Promise<unknown>,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const app = Fastify({ forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/events', async (request, reply) => {
    const header = (name: string): string | undefined => request.headers[name] as string | undefined;
    const body = String(request.body ?? '');
    const timestamp = header('x-signature-timestamp');
    const signature = header('x-signature-ed25519');
    const valid =
      timestamp !== undefined &&
      signature !== undefined &&
      /^[0-9a-f]{128}$/.test(signature) &&
      signatureValid(publicKeyHex, timestamp, body, signature);
    received.push({
      headers: {
        'content-type': header('content-type'),
        'user-agent': header('user-agent'),
        'x-signature-timestamp': timestamp,
        'x-signature-ed25519': signature,
      },
      body,
      valid,
    });
    await hold;
    if (typeof mode === 'number') return reply.code(mode).send();
    if (mode !== 'accept-all' && !valid) return reply.code(401).send('invalid request signature');
    return mode === 'verify-200' ? reply.code(200).send('ok') : reply.code(204).send();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/events`, received };
}

/** A loopback URL where nothing answers: a port this test holds, whose connections are closed at once. */
export async function deadUrl(t: Test): Promise<string> {
  return `${(await loopbackListener(t)).url}/events`;
}
