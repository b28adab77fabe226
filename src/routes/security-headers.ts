// Helmet's security headers, worked out once at start-up: @fastify/helmet builds its middleware from
// the options again on every request (parsing the CSP directives each time), which cost more than
// any of our own pages. The headers never vary by request here (no CSP nonces), so we ask helmet once,
// on a throwaway app, and set the same names and values on every answer ourselves.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** Headers any answer has without helmet; what is left is helmet's. */
const ORDINARY = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

export async function securityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    await probe.register(helmet, options);
    probe.get('/', async () => '');
    const answer = await probe.inject('/');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!ORDINARY.has(name) && typeof value === 'string') headers[name] = value;
    }
    return headers;
  } finally {
    await probe.close();
  }
}

/** Sets helmet's headers (as `securityHeaders` found them) on every answer of `app`. */
export function addSecurityHeaders(app: FastifyInstance, headers: Readonly<Record<string, string>>): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
