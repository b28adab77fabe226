// Each request's one log line, written when it is answered ("request completed"): beyond method,
// URL, status and time, the Discord calls it made (method, route, status, how long Discord took) and
// what it did (e.g. which member it verified), kept on the request instead of a log line of their own.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export interface LoggedCall {
  method: string;
  route: string;
  status: number;
  /** How long the answer took once sent, in ms; absent when unknown. */
  ms?: number;
}

interface RequestNotes {
  discord?: LoggedCall[];
  /** The sum of the calls' `ms`: responseTime less this is the request's own time. */
  discordMs?: number;
  [field: string]: unknown;
}

const notes = new WeakMap<FastifyRequest, RequestNotes>();

function notesOf(request: FastifyRequest): RequestNotes {
  let found = notes.get(request);
  if (!found) notes.set(request, (found = {}));
  return found;
}

/** A duration for a log line: to the microsecond, which is all the clock gives that means anything. */
export const logMs = (ms: number) => Math.round(ms * 1000) / 1000;

export function recordDiscordCall(request: FastifyRequest, call: LoggedCall): void {
  const found = notesOf(request);
  (found.discord ??= []).push(call);
  if (call.ms !== undefined) found.discordMs = logMs((found.discordMs ?? 0) + call.ms);
}

/** Fields for the request's line, e.g. `{ userId, tag }` of the member a callback verified. */
export function noteForLog(request: FastifyRequest, fields: Record<string, string | number | boolean>): void {
  Object.assign(notesOf(request), fields);
}

/**
 * Fastify's request logging with our one line per request in place of its two ("incoming request"
 * and a "request completed" without the request): logs cost a tenth of a verification's CPU time.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { ...notes.get(request), req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
