// Builds the HTTP application from explicit dependencies. It never reads the environment and never
// listens: src/server.ts does both, and tests build it against the Discord emulator.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Clock } from './time/clock.js';
import type { Config } from './config.js';
import { sealerFor } from './crypto/token-sealer.js';
import { MemberLocks } from './db/member-locks.js';
import { MemberStore } from './db/members.js';
import { addSecurityHeaders, securityHeaders } from './routes/security-headers.js';
import type { Db } from './db/open.js';
import type { DiscordClient } from './discord/client.js';
import { clientErrorAnswer } from './routes/client-errors.js';
import { pageErrorHandler } from './routes/error-handlers.js';
import { RequestLog } from './observability/request-log.js';
import { Metrics } from './observability/metrics.js';
import { discordEventRoutes } from './routes/discord-events.js';
import { linkedRoleRoutes } from './routes/linked-role.js';
import { operationsRoutes } from './routes/operations.js';
import { pageTranslator } from './routes/page-language.js';
import { errorPage, homePage } from './views/pages.js';
import { STYLESHEET } from './views/style.js';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface AppDeps {
  config: Config;
  db: Db;
  discord: DiscordClient;
  clock: Clock;
  /** Shared with the Discord client and the in-service refresh, when server.ts wires them. */
  metrics?: Metrics;
  /** Serializes one member's writes; shared with the in-service refresh by server.ts. */
  locks?: MemberLocks;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const metrics = deps.metrics ?? new Metrics(deps.db);
  const onFrameworkError = pageErrorHandler(config.verifyUrl);
  const security = await securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // As the CSP's frame-ancestors 'none', for browsers that only read X-Frame-Options.
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: new URL(config.publicUrl).protocol === 'https:',
    // Not no-referrer: browsers then send "Origin: null" on our own form posts, defeating the check.
    referrerPolicy: { policy: 'same-origin' },
  });
  const app = Fastify({
    logger: deps.logger ?? false,
    routerOptions: { maxParamLength: 200 },
    bodyLimit: 64 * 1024,
    // A hop count becomes "trust that many proxies in front of us".
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // Headers are capped by Node (16 KiB → 431); slow requests are cut off.
    requestTimeout: 30_000,
    // Our own ids only: a client-chosen id could be forged into the logs.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    logController: new RequestLog(),
    // What fastify refuses before any route (a malformed URL, say) gets the same page as the rest.
    frameworkErrors: (error, request, reply) => {
      onFrameworkError(error, request, reply);
    },
    // And what Node refuses before fastify (headers over 16 KiB, say) gets that page too.
    clientErrorHandler: clientErrorAnswer(config.verifyUrl, security),
  });
  const { verifyUrl } = config;

  // While shutting down, answers to requests in flight close their connection, or a keep-alive
  // client would hold the server open after its last response.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  await app.register(cookie, { secret: config.cookieSecret });
  addSecurityHeaders(app, security);
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, { max: config.rateLimitPerMinute, timeWindow: 60_000 });
  }

  // The root's own pages (home, stylesheet, unknown addresses); each route plugin sets its own.
  app.setErrorHandler(pageErrorHandler(verifyUrl));

  // Unknown addresses count against the same per-IP limit as the pages (a scan is not free).
  // An address we serve, asked with another method, is 405 with the methods it takes (RFC 9110).
  app.setNotFoundHandler(config.rateLimitPerMinute > 0 ? { preHandler: app.rateLimit() } : {}, (request, reply) => {
    const tr = pageTranslator(request, reply);
    const path = request.url.split('?')[0] ?? '/';
    const allowed = HTTP_METHODS.filter((method) => app.hasRoute({ method, url: path }));
    if (allowed.length > 0) {
      const page = { title: tr.t('error.badRequest.title'), message: tr.t('error.badRequest.text'), verifyUrl };
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .type('text/html; charset=utf-8')
        .send(errorPage(tr, page));
    }
    const page = { title: tr.t('error.notFound.title'), message: tr.t('error.notFound.text'), verifyUrl };
    return reply.code(404).type('text/html; charset=utf-8').send(errorPage(tr, page));
  });

  app.get('/assets/style.css', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );

  app.get('/', async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(homePage(pageTranslator(request, reply), config.platformName, verifyUrl)),
  );

  const members = new MemberStore(deps.db, sealerFor(config));
  await app.register(operationsRoutes, { db: deps.db, metrics, metricsToken: config.metricsToken });
  await app.register(linkedRoleRoutes, { ...deps, members, metrics, locks: deps.locks ?? new MemberLocks() });
  await app.register(discordEventRoutes, { publicKey: config.discordPublicKey, members, clock: deps.clock });
  return app;
}
