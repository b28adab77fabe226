// Discord's Webhook Events: every request is verified (Ed25519 over timestamp + raw body) before it
// is parsed, each signed request is handled once, and APPLICATION_DEAUTHORIZED drops the member's
// tokens at once, unless the member verified again after Discord dated the event.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Clock } from '../time/clock.js';
import type { MemberStore } from '../db/members.js';
import { jsonErrorHandler } from './error-handlers.js';
import { SeenOnce } from './seen-once.js';

// Discord retries an unanswered event for up to 10 minutes, perhaps with its first signature, so a
// timestamp may be that old and more; ahead of our clock only by clock skew.
const MAX_AGE_MS = 15 * 60_000;
const MAX_AHEAD_MS = 5 * 60_000;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
// Above the app's 64 KiB: APPLICATION_AUTHORIZED to a server carries the whole guild object.
const EVENT_BODY_LIMIT = 1024 * 1024;

export interface DiscordEventsOptions {
  /** Hex public key of the application; without one every event is refused. */
  publicKey: string | undefined;
  members: MemberStore;
  clock: Clock;
}

interface Envelope {
  type?: unknown;
  event?: { type?: unknown; timestamp?: unknown; data?: { user?: { id?: unknown } } };
}

/** When Discord says the event happened: ISO 8601 in UTC, sent without a zone suffix. */
function eventTime(timestamp: unknown): number | undefined {
  if (typeof timestamp !== 'string') return undefined;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(timestamp) ? timestamp : `${timestamp}Z`;
  const at = Date.parse(zoned);
  return Number.isNaN(at) ? undefined : at;
}

function ed25519Key(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export const discordEventRoutes: FastifyPluginAsync<DiscordEventsOptions> = async (
  app,
  { publicKey, members, clock },
) => {
  app.setErrorHandler(jsonErrorHandler);
  const key = publicKey ? ed25519Key(publicKey) : null;
  if (!key) app.log.warn('DISCORD_PUBLIC_KEY is not set: webhook events will be refused');

  // Keep the exact bytes: the signature covers them, not a re-serialization.
  // Whatever the type, or none: an unsigned request is refused with 401 before its type matters.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  /** Acts on one verified event; false when its body is not JSON. */
  const handle = (raw: Buffer, signedAt: number, log: FastifyBaseLogger): boolean => {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw.toString('utf8')) as Envelope;
    } catch {
      return false;
    }
    if (envelope?.type === 1 && envelope.event?.type === 'APPLICATION_DEAUTHORIZED') {
      const userId = envelope.event.data?.user?.id;
      if (typeof userId === 'string' && /^\d{1,20}$/.test(userId)) {
        // Without its own date, the event is as old as its signature.
        const at = eventTime(envelope.event.timestamp) ?? signedAt;
        const revoked = members.markDeauthorized(userId, at, clock());
        log.info({ userId, revoked }, 'member deauthorized the application');
      }
    }
    return true;
  };
  const refuse = (reply: FastifyReply) => reply.code(401).send({ error: 'invalid request signature' });
  // Remembered for as long as its timestamp is still accepted.
  const seen = new SeenOnce(MAX_AGE_MS + MAX_AHEAD_MS);
  const ack = (reply: FastifyReply) => reply.code(204).type('application/json').send();

  app.post('/discord/events', { bodyLimit: EVENT_BODY_LIMIT, config: { rateLimit: false } }, async (request, reply) => {
    const signature = request.headers['x-signature-ed25519'];
    const timestamp = request.headers['x-signature-timestamp'];
    const raw = Buffer.isBuffer(request.body) ? request.body : null;
    if (!key || typeof signature !== 'string' || typeof timestamp !== 'string' || !raw) return refuse(reply);
    if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return refuse(reply);
    const age = clock() - Number(timestamp) * 1000;
    if (age > MAX_AGE_MS || age < -MAX_AHEAD_MS) return refuse(reply);
    if (!verify(null, Buffer.concat([Buffer.from(timestamp), raw]), key, Buffer.from(signature, 'hex'))) {
      return refuse(reply);
    }
    // The same signed request again (a retry by Discord, or a replay) has been handled: acknowledge it.
    const id = signature.toLowerCase();
    if (!seen.firstTime(id, clock())) {
      request.log.info('webhook event already handled');
      return ack(reply);
    }
    try {
      if (!handle(raw, Number(timestamp) * 1000, request.log)) {
        seen.forget(id);
        return reply.code(400).send({ error: 'invalid JSON' });
      }
    } catch (err) {
      // Not handled (the database refused, say): Discord's retry of these bytes must be handled anew.
      seen.forget(id);
      throw err;
    }
    // PING (type 0) and every other event: acknowledged with an empty 204, which Discord's docs still
    // want to carry a valid Content-Type.
    return ack(reply);
  });
};
