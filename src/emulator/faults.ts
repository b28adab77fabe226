// Injected failures (errors, 429s, slowness, revoked grants) so clients can be tested on bad days too.
import type { Fault, FaultTarget } from './types.js';

export type DelayFault = Extract<Fault, { kind: 'latency' | 'hold' }>;
/** A fault that lets the route act first, then spoils its answer. */
export type AfterActFault = Extract<Fault, { kind: 'lost-answer' }> | Extract<Fault, { kind: 'status' }>;
export type AnswerFault = Exclude<Fault, DelayFault | Extract<Fault, { kind: 'lost-answer' }>>;

const isDelay = (fault: Fault): fault is DelayFault => fault.kind === 'latency' || fault.kind === 'hold';
export const isAfterAct = (fault: Fault): fault is AfterActFault =>
  fault.kind === 'lost-answer' || (fault.kind === 'status' && fault.afterAct === true);

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

const targets: readonly FaultTarget[] = [
  'token',
  'revoke',
  'user',
  'role-connection',
  'metadata',
  'application',
  'guild',
  'members',
  'gateway',
  'any',
];

/** Which fault target a matched fastify route belongs to; undefined for unknown routes. */
export function faultTargetOf(routeUrl: string | undefined): FaultTarget | undefined {
  if (!routeUrl) return undefined;
  if (routeUrl.endsWith('/oauth2/token')) return 'token';
  if (routeUrl.endsWith('/oauth2/token/revoke')) return 'revoke';
  if (routeUrl.endsWith('/users/@me')) return 'user';
  if (routeUrl.endsWith('/role-connection')) return 'role-connection';
  if (routeUrl.endsWith('/role-connections/metadata')) return 'metadata';
  if (routeUrl.endsWith('/applications/@me')) return 'application';
  if (routeUrl.endsWith('/guilds/:guildId')) return 'guild';
  if (routeUrl.includes('/guilds/:guildId/members')) return 'members';
  if (routeUrl.endsWith('/gateway/bot') || routeUrl.endsWith('/gateway')) return 'gateway';
  return undefined;
}

export class FaultQueue {
  private active: ActiveFault[] = [];

  add(fault: Fault): void {
    // Faults that delay a call apply to every matching call unless limited; the others to one.
    const times = fault.times ?? (isDelay(fault) ? Infinity : 1);
    this.active.push({ fault: { ...fault }, remaining: times });
  }

  clear(): void {
    this.active = [];
  }

  list(): Fault[] {
    return this.active.map((a) => ({ ...a.fault }));
  }

  /** The first fault that delays this call (latency or hold), consumed once. */
  takeDelay(target: FaultTarget | undefined): DelayFault | undefined {
    const found = this.take(target, isDelay);
    return found && isDelay(found) ? found : undefined;
  }

  /**
   * The first fault, in the order added, that decides this call's answer, consumed once: either one
   * that answers instead of the route (status, rate-limit, revoked) or one that spoils the answer
   * after the route has acted (lost-answer, status with afterAct).
   */
  takeAnswer(target: FaultTarget | undefined): Exclude<Fault, DelayFault> | undefined {
    const found = this.take(target, (f) => !isDelay(f));
    return found && !isDelay(found) ? found : undefined;
  }

  private take(target: FaultTarget | undefined, pick: (f: Fault) => boolean): Fault | undefined {
    const index = this.active.findIndex(
      (a) => pick(a.fault) && ((a.fault.target ?? 'any') === 'any' || a.fault.target === target),
    );
    const entry = this.active[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.active.splice(index, 1);
    return entry.fault;
  }
}

/** Checks a fault sent to the control API; returns the fault or a message saying what is wrong. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'a fault must be a JSON object';
  const raw = input as Record<string, unknown>;
  const target = raw.target ?? 'any';
  if (!targets.includes(target as FaultTarget)) return `target must be one of ${targets.join(', ')}`;
  const times = raw.times;
  if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
    return 'times must be a positive integer';
  }
  const common = { target: target as FaultTarget, ...(times === undefined ? {} : { times }) };
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  switch (raw.kind) {
    case 'status':
      if (!(typeof raw.status === 'number' && Number.isInteger(raw.status) && raw.status >= 400 && raw.status <= 599)) {
        return 'status must be an integer 400–599';
      }
      if (raw.afterAct !== undefined && typeof raw.afterAct !== 'boolean') return 'afterAct must be a boolean';
      return { kind: 'status', status: raw.status, ...(raw.afterAct === true ? { afterAct: true } : {}), ...common };
    case 'rate-limit':
      if (!num(raw.retryAfter)) return 'retryAfter must be a number of seconds';
      if (raw.global !== undefined && typeof raw.global !== 'boolean') return 'global must be a boolean';
      if (raw.shared !== undefined && typeof raw.shared !== 'boolean') return 'shared must be a boolean';
      if (raw.global === true && raw.shared === true) return 'a rate limit is global or shared, not both';
      if (raw.bodyOnly !== undefined && typeof raw.bodyOnly !== 'boolean') {
        return 'bodyOnly must be a boolean';
      }
      return {
        kind: 'rate-limit',
        retryAfter: raw.retryAfter,
        global: raw.global === true,
        shared: raw.shared === true,
        ...(raw.bodyOnly === true ? { bodyOnly: true } : {}),
        ...common,
      };
    case 'latency':
      if (!num(raw.ms)) return 'ms must be a number of milliseconds';
      return { kind: 'latency', ms: raw.ms, ...common };
    case 'hold':
      return { kind: 'hold', ...common };
    case 'lost-answer':
      return { kind: 'lost-answer', ...common };
    case 'revoked':
      return { kind: 'revoked', ...common };
    default:
      return 'kind must be status, rate-limit, latency, hold, lost-answer or revoked';
  }
}
