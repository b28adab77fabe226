// Builds the Discord API emulator: a Fastify app that answers like discord.com over real HTTP, following the contract in README.md beside it.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerApiHooks, Sleeper } from './api-hooks.js';
import { registerApplicationRoutes } from './application-routes.js';
import type { KnownGuild } from './authorize-page.js';
import { registerAuthorizeRoutes } from './authorize-routes.js';
import { registerControlRoutes } from './control-routes.js';
import { registerGatewayControlRoutes } from './gateway-control-routes.js';
import { registerGatewayServer } from './gateway-server.js';
import { registerGuildMemberRoutes } from './guild-member-routes.js';
import { registerMetadataRoutes } from './metadata-routes.js';
import { registerTokenRoutes } from './oauth-token.js';
import { discordError, generalError, oauthError } from './replies.js';
import { EmulatorState } from './state.js';
import { registerUserRoutes } from './user-routes.js';

export { EmulatorState } from './state.js';
export { publicKeyHexOf } from './signing.js';
export { UnreachableError, type EventResponse } from './webhook-events.js';
export type * from './types.js';

export interface EmulatorOptions {
  clientId: string;
  clientSecret: string;
  botToken: string;
  /** Registered OAuth2 redirect URIs (matched as exact strings). */
  redirectUris: string[];
  /** Shown on the consent page; default 'Tag Roles (emulated)'. */
  applicationName?: string;
  /** Servers offered on the consent page as the member's primary guild. */
  guilds?: KnownGuild[];
  /** Servers the application's bot is in (GET /guilds/:id answers 200); default: the ids of `guilds`. */
  botGuildIds?: string[];
  /** Initial role_connections_verification_url; default null. */
  verificationUrl?: string | null;
  /** Initial event_webhooks_url (events stay disabled until event_webhooks_status is 2); default null. */
  eventWebhooksUrl?: string | null;
  /** `iss` on authorize redirects; default 'https://discord.com'. */
  issuer?: string;
  /** ms epoch; default Date.now. */
  clock?: () => number;
  /** The real clock that also ends rate-limit windows (so a client that really waits is served); default Date.now. */
  realClock?: () => number;
  /** Authorization code lifetime; default 600_000. */
  codeTtlMs?: number;
  /** `expires_in` of access tokens; default 604800. */
  accessTokenTtlSeconds?: number;
  /** Per route bucket per identity; default { limit: 20, windowMs: 1000 }. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** List Guild Members' bucket per server per bot (README §10.1); default { limit: 10, windowMs: 10000 }; off when `rateLimit` is false. */
  memberListRateLimit?: { limit: number; windowMs: number } | false;
  /** The application's flags; default 1 << 15 (GATEWAY_GUILD_MEMBERS_LIMITED: the Server Members intent on). */
  applicationFlags?: number;
  /** HELLO's heartbeat_interval in ms; default 41250. */
  heartbeatIntervalMs?: number;
  /** Real ms an IDENTIFY must wait after the previous one, else op 9 (max_concurrency 1); default 5000, 0 = no check. */
  identifyIntervalMs?: number;
  logger?: boolean;
}

const invalidJson = (): FastifyError =>
  Object.assign(new Error('The request body contains invalid JSON.'), {
    statusCode: 400,
    code: 'EMU_INVALID_JSON',
    name: 'SyntaxError',
  });

export function buildEmulator(options: EmulatorOptions): { app: FastifyInstance; state: EmulatorState } {
  const state = new EmulatorState({
    clock: options.clock ?? Date.now,
    realClock: options.realClock ?? Date.now,
    codeTtlMs: options.codeTtlMs ?? 600_000,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 604_800,
    redirectUris: [...options.redirectUris],
    rateLimit: options.rateLimit ?? { limit: 20, windowMs: 1000 },
    ...(options.memberListRateLimit === undefined ? {} : { memberListRateLimit: options.memberListRateLimit }),
    botToken: options.botToken,
    gateway: {
      ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
      ...(options.identifyIntervalMs === undefined ? {} : { identifyIntervalMs: options.identifyIntervalMs }),
    },
    application: {
      id: options.clientId,
      name: options.applicationName ?? 'Tag Roles (emulated)',
      redirectUris: [...options.redirectUris],
      guilds: options.guilds ?? [],
      botGuildIds: options.botGuildIds ?? (options.guilds ?? []).map((g) => g.id),
      verificationUrl: options.verificationUrl ?? null,
      eventWebhooksUrl: options.eventWebhooksUrl ?? null,
      ...(options.applicationFlags === undefined ? {} : { flags: options.applicationFlags }),
    },
  });
  const app = Fastify({
    logger: options.logger ?? false,
    // Don't let open keep-alive sockets (e.g. one whose client timed out) hold up close().
    forceCloseConnections: true,
    // Unparseable URLs and the like: Discord's generic body instead of Fastify's.
    frameworkErrors: (_error, _request, reply) => void generalError(reply, 400),
    // @discordjs/rest sends /users/%40me; Discord decodes it, the router would not.
    rewriteUrl: (req) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      return path.replace(/%40/gi, '@') + (q < 0 ? '' : url.slice(q));
    },
  });
  const sleeper = new Sleeper();

  // Routes check Content-Type themselves (Discord answers 50035 / unsupported_grant_type), so no type is refused up front.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '' && request.url.startsWith('/_emulator/')) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(invalidJson(), undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  void app.register(formbody);

  registerApiHooks(app, state, sleeper);
  // A pending latency or hold fault must not hold up shutdown: wake it so its request completes.
  app.addHook('preClose', async () => {
    sleeper.wakeAll();
    state.held.release();
  });

  const client = { clientId: options.clientId, clientSecret: options.clientSecret };
  registerAuthorizeRoutes(app, state, {
    clientId: options.clientId,
    redirectUris: state.config.redirectUris,
    applicationName: options.applicationName ?? 'Tag Roles (emulated)',
    guilds: options.guilds ?? [],
    issuer: options.issuer ?? 'https://discord.com',
  });
  registerTokenRoutes(app, state, client);
  registerUserRoutes(app, state, options.clientId);
  registerMetadataRoutes(app, state, options.clientId, options.botToken);
  registerApplicationRoutes(app, state, options.botToken);
  registerGuildMemberRoutes(app, state, options.botToken);
  registerGatewayServer(app, state.gateway);

  const demo = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    scope: 'identify role_connections.write',
  });
  if (options.redirectUris[0]) demo.set('redirect_uri', options.redirectUris[0]);
  registerControlRoutes(app, state, `/oauth2/authorize?${demo.toString()}`);
  registerGatewayControlRoutes(app, state);

  app.setNotFoundHandler((_request, reply) => generalError(reply, 404));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const path = request.url.split('?')[0];
    if (error.code === 'EMU_INVALID_JSON') {
      if (path === '/api/v10/oauth2/token') return oauthError(reply, 400, 'unsupported_grant_type');
      if (path === '/api/v10/oauth2/token/revoke') return oauthError(reply, 400, 'invalid_request');
      return discordError(reply, 400, 'The request body contains invalid JSON.', 50109);
    }
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'emulator route failed');
    // Never a stack trace or internal message: only Discord's generic body.
    return generalError(reply, status);
  });

  return { app, state };
}
