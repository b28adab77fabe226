// Delivers signed Webhook Events (README §5) like Discord, or deliberately flawed ones, so receivers can be tested.
import type { KeyObject } from 'node:crypto';
import { signRequest } from './signing.js';
import type { EmulatedApplication, EventDelivery, EventTamper, SendEventInput } from './types.js';

export const eventUserAgent = 'Discord-Interactions/1.0 (+https://discord.com)';
/** Discord wants an answer within 3 seconds (README §5.3). */
export const eventTimeoutMs = 3000;

export interface EventContext {
  clock: () => number;
  application: () => EmulatedApplication;
  /** The /users/@me body of a user and the scopes they granted; undefined for an unknown user. */
  user: (userId: string) => { body: Record<string, unknown>; scopes: string[] } | undefined;
  record: (delivery: EventDelivery) => void;
}

export interface EventResponse {
  status: number;
  body: string;
}

/** The URL did not answer (refused, timed out, …); other errors mean the input was wrong. */
export class UnreachableError extends Error {}

/** Discord's event timestamp: ISO 8601 in UTC with microseconds and no zone suffix. */
export function eventTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000');
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export class EventDispatcher {
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly privateKey: KeyObject,
    private readonly ctx: EventContext,
  ) {}

  /** Builds, signs and POSTs one event and records it; rejects on bad input or (UnreachableError) no answer. */
  async send(input: SendEventInput): Promise<EventResponse> {
    const url = input.url ?? this.ctx.application().event_webhooks_url;
    if (!url) throw new Error('no url given and the application has no event_webhooks_url');
    if (!isWebUrl(url)) throw new Error(`not an http(s) URL: ${url}`);
    const body = this.envelope(input);
    const at = this.ctx.clock();
    const record = (status: number): void =>
      this.ctx.record({ type: input.type, url, status, ...(input.tamper ? { tamper: input.tamper } : {}), at });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: this.headers(body, input.tamper, input.timestampSeconds ?? Math.floor(at / 1000)),
        // Changed after signing: still JSON, but not what was signed.
        body: input.tamper === 'body' ? `${body.slice(0, -1)},"tampered":true}` : body,
        redirect: 'manual',
        signal: AbortSignal.timeout(eventTimeoutMs),
      });
      const answer = { status: res.status, body: await res.text() };
      record(answer.status);
      return answer;
    } catch (error) {
      record(0);
      throw new UnreachableError(`${url} did not answer: ${(error as Error).message}`);
    }
  }

  /** Sends without waiting; failures only show in the deliveries. */
  dispatch(input: SendEventInput): void {
    const job: Promise<void> = this.send(input)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Sends `type` for the user in the background when the application has events on and subscribes to it. */
  notify(type: 'APPLICATION_AUTHORIZED' | 'APPLICATION_DEAUTHORIZED', userId: string): void {
    const app = this.ctx.application();
    if (!app.event_webhooks_url || app.event_webhooks_status !== 2 || !app.event_webhooks_types.includes(type)) return;
    this.dispatch({ type, userId, url: app.event_webhooks_url });
  }

  /** Resolves once every background delivery (including ones started meanwhile) has finished. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Discord's check on saving the URL: a signed PING must get 204 and no body, a badly signed one 401. */
  async verify(url: string): Promise<boolean> {
    try {
      const good = await this.send({ type: 'PING', url });
      if (good.status !== 204 || good.body !== '') return false;
      const bad = await this.send({ type: 'PING', url, tamper: 'signature' });
      return bad.status === 401;
    } catch {
      return false;
    }
  }

  private envelope(input: SendEventInput): string {
    const base = { version: 1, application_id: this.ctx.application().id };
    if (input.type === 'PING') return JSON.stringify({ ...base, type: 0 });
    if (input.userId === undefined) throw new Error(`${input.type} needs a userId`);
    const user = this.ctx.user(input.userId);
    if (!user) throw new Error(`unknown user ${input.userId}`);
    const data =
      input.type === 'APPLICATION_AUTHORIZED'
        ? { integration_type: 1, scopes: user.scopes, user: user.body }
        : { user: user.body };
    const event = { type: input.type, timestamp: eventTimestamp(this.ctx.clock()), data };
    return JSON.stringify({ ...base, type: 1, event });
  }

  private headers(body: string, tamper: EventTamper | undefined, seconds: number): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': eventUserAgent };
    if (tamper === 'missing-headers') return headers;
    const timestamp = String(tamper === 'stale-timestamp' ? seconds - 3600 : seconds);
    const signature = signRequest(this.privateKey, timestamp, body);
    // Every bit flipped: still 128 hex characters, never a valid signature.
    const flipped = (): string => Buffer.from(Buffer.from(signature, 'hex').map((b) => b ^ 0xff)).toString('hex');
    headers['X-Signature-Ed25519'] = tamper === 'signature' ? flipped() : signature;
    headers['X-Signature-Timestamp'] = timestamp;
    return headers;
  }
}
