import t from 'tap';
import type { FastifyBaseLogger } from 'fastify';
import { startRefreshSchedule, type StartTimer } from '../../src/refresh/schedule.js';
import type { RefreshSummary } from '../../src/refresh/job.js';
import { harness, linkMembers, type Harness } from '../helpers.js';
import { waitFor } from '../wait-for.js';

/** A timer the test fires by hand: the schedule's interval is counted, never waited for. */
function manualTimer() {
  const pending: { run: () => void; ms: number }[] = [];
  const start: StartTimer = (run, ms) => {
    const entry = { run, ms };
    pending.push(entry);
    return () => {
      const index = pending.indexOf(entry);
      if (index >= 0) pending.splice(index, 1);
    };
  };
  const fire = () => {
    const next = pending.shift();
    if (!next) throw new Error('no timer is pending');
    next.run();
  };
  return { start, pending, fire };
}

/** The schedule over the harness, every 10 s on a manual timer, with what it logged and reported. */
function startSchedule(h: Harness) {
  const lines: string[] = [];
  const log = {
    info: (...args: unknown[]) => lines.push(String(args.at(-1))),
    error: () => {},
  } as unknown as FastifyBaseLogger;
  const summaries: RefreshSummary[] = [];
  const timer = manualTimer();
  const schedule = startRefreshSchedule(
    { config: h.config, db: h.db, clock: h.clock },
    10_000,
    log,
    (s) => summaries.push(s),
    timer.start,
  );
  return { schedule, timer, lines, summaries };
}

t.test('the in-service schedule runs the job every interval and stops cleanly', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 2);
  h.clock.now += 3_600_000;
  const { schedule, timer, lines, summaries } = startSchedule(h);
  t.same(
    timer.pending.map((p) => p.ms),
    [10_000],
    'the first run waits one interval',
  );
  t.equal(summaries.length, 0, 'nothing runs before the interval is up');
  timer.fire();
  await waitFor(() => timer.pending.length === 1, { what: 'the next run to be scheduled after the first' });
  t.equal(summaries.length, 1);
  t.match(summaries[0], { status: 'done', checked: 2 });
  t.ok(lines.includes('refresh finished'));
  timer.fire();
  await waitFor(() => timer.pending.length === 1, { what: 'the next run to be scheduled after the second' });
  t.match(summaries[1], { status: 'done', checked: 0 }, 'nothing is stale a moment later');
  await schedule.stop();
  t.equal(timer.pending.length, 0, 'no run after stop');
});

t.test('stop during a run waits for it and schedules nothing more', async (t) => {
  const h = await harness(t);
  await linkMembers(h, 1);
  h.clock.now += 3_600_000;
  const { schedule, timer, summaries } = startSchedule(h);
  h.emulator.addFault({ kind: 'hold', target: 'user', times: 1 });
  timer.fire();
  await waitFor(() => h.emulator.held.count === 1, { what: 'the scheduled run to be held at /users/@me' });
  const stopped = schedule.stop();
  h.emulator.held.release();
  await stopped;
  t.match(summaries, [{ checked: 1, failed: 0 }], 'the run in progress finished its member');
  t.equal(timer.pending.length, 0, 'no run after stop');
});
