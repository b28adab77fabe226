// What every /api request passes through before its route: rate limits, version and User-Agent gates, faults, and the call log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultTargetOf, isAfterAct, type AfterActFault, type AnswerFault } from './faults.js';
import { RateLimiter, seconds } from './rate-limit.js';
import { discordError, generalError, generalErrorBody, oauthError, rateLimited } from './replies.js';
import type { EmulatorState } from './state.js';
import type { CallAuth } from './types.js';

interface CallContext {
  route: string;
  auth: CallAuth;
  at: number;
  /** performance.now() when the request reached the first hook, for the call's `ms`. */
  started: number;
  userId?: string;
  recorded: boolean;
  /** The route acts, then its answer is dropped (lost-answer) or replaced (status with afterAct). */
  afterAct?: AfterActFault;
}

const contexts = new WeakMap<FastifyRequest, CallContext>();
// The consent page is a browser page even where it sits under /api.
const pagePaths = new Set(['/api/oauth2/authorize', '/api/v10/oauth2/authorize']);
const secretFields = new Set(['client_secret', 'code', 'refresh_token', 'token', 'access_token']);

/** Lets a route name the user a call acted for, for the call log. */
export function noteUser(request: FastifyRequest, userId: string): void {
  const ctx = contexts.get(request);
  if (ctx) ctx.userId = userId;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return contexts.has(request);
}

export function parseAuth(header: string | undefined): { auth: CallAuth; credential: string } {
  const match = /^(Bot|Bearer|Basic) +(\S+)$/i.exec(header ?? '');
  const scheme = match?.[1]?.toLowerCase();
  if (!match?.[2] || !scheme) return { auth: 'none', credential: '' };
  return { auth: scheme as CallAuth, credential: match[2] };
}

/** Waits that can all be cut short when the app closes, so a huge latency fault never blocks shutdown. */
export class Sleeper {
  private pending = new Set<() => void>();
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending.add(done);
    });
  }
  wakeAll(): void {
    for (const done of [...this.pending]) done();
  }
}

function recordedBody(body: unknown, route: string): unknown {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  // OAuth bodies carry secrets; the log keeps only that they were sent.
  if (route.startsWith('/oauth2/'))
    for (const key of Object.keys(copy)) if (secretFields.has(key)) copy[key] = '[redacted]';
  return copy;
}

function answerFault(
  request: FastifyRequest,
  reply: FastifyReply,
  fault: AnswerFault,
  state: EmulatorState,
): FastifyReply {
  const target = faultTargetOf(request.routeOptions.url);
  if (fault.kind === 'status') return generalError(reply, fault.status);
  if (fault.kind === 'rate-limit') {
    if (fault.bodyOnly) {
      for (const name of Object.keys(reply.getHeaders())) if (name.startsWith('x-ratelimit-')) reply.removeHeader(name);
    } else if (!fault.global) {
      const now = state.config.clock();
      const limit = state.config.rateLimit ? state.config.rateLimit.limit : 1;
      reply.headers({
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': seconds(now + fault.retryAfter * 1000),
        'x-ratelimit-reset-after': seconds(fault.retryAfter * 1000),
        'x-ratelimit-bucket': RateLimiter.bucketId(request.method, request.routeOptions.url ?? request.url),
      });
    }
    const scope = fault.global ? 'global' : fault.shared ? 'shared' : 'user';
    return rateLimited(reply, fault.retryAfter, scope, fault.bodyOnly !== true);
  }
  if (target === 'token') {
    const grantType = (request.body as Record<string, unknown> | undefined)?.grant_type;
    const what = grantType === 'refresh_token' ? 'Invalid "refresh_token" in request' : 'Invalid "code" in request.';
    return oauthError(reply, 400, 'invalid_grant', what);
  }
  if (target === 'revoke') return reply.code(200).send({});
  return generalError(reply, 401);
}

/** The general error of `status` in place of what the route answered. */
function spoiledAnswer(reply: FastifyReply, status: number): string {
  reply.code(status).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify(generalErrorBody(status));
}

export function registerApiHooks(app: FastifyInstance, state: EmulatorState, sleeper: Sleeper): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if ((request.method === 'GET' || request.method === 'HEAD') && pagePaths.has(path)) return;
    const versioned = /^\/api\/v(\d+)(\/.*)?$/.exec(path);
    if (!versioned && path !== '/api' && !path.startsWith('/api/')) return;

    const { auth, credential } = parseAuth(request.headers.authorization);
    const route = versioned ? (versioned[2] ?? '/') : path.slice(4) || '/';
    contexts.set(request, { route, auth, at: state.config.clock(), started: performance.now(), recorded: false });

    // Bot and Bearer calls are limited per token; anything else per client IP.
    const identity = auth === 'bot' || auth === 'bearer' ? `${auth} ${credential}` : `ip ${request.ip}`;
    const routeUrl = request.routeOptions.url ?? path;
    // List Guild Members has a bucket per server of its own (README §10.1).
    const perGuild = routeUrl === '/api/v10/guilds/:guildId/members';
    const guildId = (request.params as { guildId?: string } | undefined)?.guildId;
    const limit = perGuild
      ? state.memberRateLimiter.consume(request.method, routeUrl, `${identity} guild ${guildId}`)
      : state.rateLimiter.consume(request.method, routeUrl, identity);
    if (limit) reply.headers(limit.headers);
    if (limit?.limited) return rateLimited(reply, limit.resetAfter, 'user');

    const version = versioned?.[1];
    if (version === '3' || version === '4' || version === '5') {
      return discordError(reply, 400, `400: Bad Request (API v${version} is discontinued; use /api/v10)`, 0);
    }
    if (version !== '10') return discordError(reply, 404, '404: Not Found (this API is served under /api/v10 only)', 0);
    if (!request.headers['user-agent']?.startsWith('DiscordBot')) {
      return discordError(reply, 403, 'Missing or invalid User-Agent', 0);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!contexts.has(request)) return;
    const target = faultTargetOf(request.routeOptions.url);
    // Both faults are taken on arrival: a request still sleeping when its client gave up must not
    // consume a fault added after it came in.
    const delay = state.faults.takeDelay(target);
    const fault = state.faults.takeAnswer(target);
    if (fault && isAfterAct(fault)) contexts.get(request)!.afterAct = fault;
    if (delay?.kind === 'latency' && delay.ms > 0) await sleeper.sleep(delay.ms);
    if (delay?.kind === 'hold') {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const userId = bearer === undefined ? undefined : state.grants.find(bearer)?.userId;
      await state.held.hold(request.method, contexts.get(request)!.route, reply.raw, userId);
    }
    if (fault && !isAfterAct(fault)) return answerFault(request, reply, fault, state);
  });

  // onSend rather than onResponse: it also runs when the client gave up (e.g. timed out) before the answer.
  app.addHook('onSend', async (request, reply, payload) => {
    const ctx = contexts.get(request);
    if (!ctx || ctx.recorded) return payload;
    ctx.recorded = true;
    if (ctx.afterAct?.kind === 'lost-answer') reply.raw.destroy();
    if (ctx.afterAct?.kind === 'status') payload = spoiledAnswer(reply, ctx.afterAct.status);
    const status = reply.raw.destroyed ? 0 : reply.statusCode;
    const body = recordedBody(request.body, ctx.route);
    state.calls.push({
      method: request.method,
      route: ctx.route,
      status,
      auth: ctx.auth,
      at: ctx.at,
      ms: Math.round((performance.now() - ctx.started) * 1000) / 1000,
      ...(ctx.userId === undefined ? {} : { userId: ctx.userId }),
      ...(body === undefined ? {} : { body }),
    });
    const scope = reply.getHeader('x-ratelimit-scope');
    if (reply.statusCode === 401 || reply.statusCode === 403 || (reply.statusCode === 429 && scope !== 'shared')) {
      state.invalidRequests += 1;
    }
    return payload;
  });
}
