// Routes for machines that watch the service: liveness, readiness (database reachable and migrated)
// and Prometheus metrics (optionally behind a bearer token).
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/open.js';
import type { Metrics } from '../observability/metrics.js';
import { projectPath } from '../db/project-path.js';
import { sameText } from '../crypto/same-text.js';
import { jsonErrorHandler } from './error-handlers.js';

export interface OperationsOptions {
  db: Db;
  metrics: Metrics;
  metricsToken: string | undefined;
}

const JOURNAL = projectPath('migrations', 'meta', '_journal.json');
const expectedMigrations = (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: unknown[] }).entries.length;

/** Problems that make the service unable to serve members; empty when ready. */
export function readinessProblems(db: Db): string[] {
  try {
    const row = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    return row.n >= expectedMigrations ? [] : [`${expectedMigrations - row.n} database migrations not applied`];
  } catch {
    return ['database not reachable'];
  }
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
