// Routes for machines that watch the service: liveness, readiness (database reachable and migrated)
// and Prometheus metrics (optionally behind a bearer token).
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/open.js';
import type { Metrics } from '../observability/metrics.js';
import { readinessProblems } from '../db/reports.js';
import { sameText } from '../crypto/same-text.js';
import { jsonErrorHandler } from './error-handlers.js';

export interface OperationsOptions {
  db: Db;
  metrics: Metrics;
  metricsToken: string | undefined;
}

export const operationsRoutes: FastifyPluginAsync<OperationsOptions> = async (app, { db, metrics, metricsToken }) => {
  app.setErrorHandler(jsonErrorHandler);
  const quiet = { config: { rateLimit: false }, logLevel: 'warn' as const };

  app.get('/healthz', quiet, async () => ({ status: 'ok' }));

  app.get('/readyz', quiet, async (_request, reply) => {
    const problems = readinessProblems(db);
    return reply
      .code(problems.length === 0 ? 200 : 503)
      .send({ status: problems.length === 0 ? 'ready' : 'not ready', problems });
  });

  app.get('/metrics', quiet, async (request, reply) => {
    if (metricsToken) {
      const auth = request.headers.authorization ?? '';
      if (!sameText(auth, `Bearer ${metricsToken}`)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a valid bearer token is required' });
      }
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
