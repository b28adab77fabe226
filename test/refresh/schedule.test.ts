import t from 'tap';
import type { FastifyBaseLogger } from 'fastify';
import { startRefreshSchedule } from '../../src/refresh/schedule.js';
import type { RefreshSummary } from '../../src/refresh/job.js';
import { harness, linkMembers } from '../helpers.js';

t.test('the in-service schedule runs the job and stops cleanly', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 2);
  h.clock.now += 3_600_000;
  const lines: string[] = [];
  const log = {
    info: (...args: unknown[]) => lines.push(String(args.at(-1))),
    error: () => {},
  } as unknown as FastifyBaseLogger;
  const summaries: RefreshSummary[] = [];
  const schedule = startRefreshSchedule({ config: h.config, db: h.db, clock: h.clock }, 10, log, (s) =>
    summaries.push(s),
  );
  while (summaries.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  await schedule.stop();
  t.match(summaries[0], { status: 'done', checked: 2 });
  t.match(summaries[1], { status: 'done', checked: 0 }, 'nothing is stale a moment later');
  t.ok(lines.includes('refresh finished'));
  const count = summaries.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(summaries.length, count, 'no run after stop');
});
