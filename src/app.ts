// Builds the HTTP application from explicit dependencies. It never reads the environment and never
// listens: src/server.ts does both, and tests build it with fakes of nothing but Discord itself.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/open.js';
import type { DiscordClient } from './discord/client.js';
import { describeError } from './errors.js';
import { linkedRoleRoutes } from './routes/linked-role.js';
import { errorPage, layout } from './views/pages.js';
import { html } from './views/html.js';
import { STYLESHEET } from './views/style.js';

export interface AppDeps {
  config: Config;
  db: Db;
  discord: DiscordClient;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    routerOptions: { maxParamLength: 200 },
    bodyLimit: 64 * 1024,
  });
  const verifyUrl = `${config.publicUrl}/linked-role`;

  await app.register(cookie, { secret: config.cookieSecret });

  app.setErrorHandler((error, request, reply) => {
    const view = describeError(error);
    if (view.unexpected) request.log.error({ err: error }, 'request failed');
    else request.log.info({ reason: error instanceof Error ? error.name : 'unknown', status: view.status }, view.title);
    return reply
      .code(view.status)
      .headers(view.headers)
      .type('text/html; charset=utf-8')
      .send(errorPage({ title: view.title, message: view.message, verifyUrl }));
  });

  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(errorPage({ title: 'Page not found', message: 'There is nothing at this address.', verifyUrl })),
  );

  app.get('/assets/style.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET),
  );

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      layout({
        title: `${config.platformName} linked roles`,
        icon: 'ok',
        body: html`<p>This service lets Discord give you roles for wearing a server's tag.</p>
          <a class="button" href="${verifyUrl}">Link my Discord account</a>`,
      }),
    ),
  );

  await app.register(linkedRoleRoutes, deps);
  return app;
}
