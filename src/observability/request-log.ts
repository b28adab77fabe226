// The Discord calls a request made, kept on the request so its one "request completed" log line
// lists them (method, route, status), instead of a line of its own per call.
import type { FastifyRequest } from 'fastify';

export interface LoggedCall {
  method: string;
  route: string;
  status: number;
}

const calls = new WeakMap<FastifyRequest, LoggedCall[]>();

export function recordDiscordCall(request: FastifyRequest, call: LoggedCall): void {
  const list = calls.get(request);
  if (list) list.push(call);
  else calls.set(request, [call]);
}

export function discordCallsOf(request: FastifyRequest): LoggedCall[] | undefined {
  return calls.get(request);
}
