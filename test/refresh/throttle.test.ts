import t from 'tap';
import { Throttle } from '../../src/refresh/throttle.js';

/** A throttle on a test clock: each sleep moves it on and yields once. */
function testThrottle(concurrency: number, maxPauseMs?: number) {
  let now = 0;
  const slept: number[] = [];
  const throttle = new Throttle({
    concurrency,
    maxInvalidRequests: 100,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    ...(maxPauseMs === undefined ? {} : { maxPauseMs }),
  });
  return { throttle, slept };
}

/** A task that runs until finish() is called, noting when it started. */
function task(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { run: () => (started.push(name), done.then(() => name)), finish: () => finish() };
}

/** One answer as the Discord client reports it. */
const answer = (status: number, scope: string | null = null, retryAfterMs: number | null = null) => ({
  method: 'GET',
  route: '/users/@me',
  status,
  scope,
  global: false,
  retryAfterMs,
  waitedMs: 1,
});

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

t.test('admit runs at most `concurrency` tasks at once, the others in order as slots free up', async (t) => {
  const { throttle } = testThrottle(2);
  const started: string[] = [];
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => task(started, name));
  const results = [a!, b!, c!, d!].map((x) => throttle.admit(x.run));
  await settle();
  t.same(started, ['a', 'b'], 'two run, two wait');
  b!.finish();
  await settle();
  t.same(started, ['a', 'b', 'c'], 'a freed slot goes to the next in line');
  a!.finish();
  c!.finish();
  d!.finish();
  t.same(await Promise.all(results), ['a', 'b', 'c', 'd']);
  const after = task(started, 'e');
  const e = throttle.admit(after.run);
  await settle();
  t.equal(started.at(-1), 'e', 'every slot was given back');
  after.finish();
  await e;
});

t.test('a failing task gives its slot back too', async (t) => {
  const { throttle } = testThrottle(1);
  await t.rejects(
    throttle.admit(() => Promise.reject(new Error('boom'))),
    /boom/,
  );
  t.equal(await throttle.admit(async () => 'next'), 'next');
});

t.test('admit waits out a pause of everyone, unless aborted', async (t) => {
  const { throttle, slept } = testThrottle(4);
  t.ok(throttle.pause(2_500));
  t.equal(await throttle.admit(async () => 'after the pause'), 'after the pause');
  t.same(slept, [1_000, 1_000, 500], 'slept in steps up to the end of the pause');

  throttle.pause(10_000);
  const stop = new AbortController();
  stop.abort();
  slept.length = 0;
  let ran = false;
  t.equal(await throttle.admit(async () => (ran = true), stop.signal), undefined);
  t.same(slept, [], 'a stopping service does not wait');
  t.notOk(ran, 'nor starts anything new');
});

t.test('without a limit on pauses (live updates) even a day-long global wait pauses, never stops', async (t) => {
  const { throttle, slept } = testThrottle(1, Infinity);
  t.ok(throttle.pause(86_400_000));
  t.equal(throttle.stopReason, undefined);
  t.equal(await throttle.admit(async () => 'next day'), 'next day');
  t.equal(
    slept.reduce((a, b) => a + b, 0),
    86_400_000,
  );
});

t.test('repeated 429s narrow the concurrency for a short pause; a quiet spell widens it again', async (t) => {
  let now = 0;
  const throttle = new Throttle({ concurrency: 8, maxInvalidRequests: 100, now: () => now, maxPauseMs: 60_000 });
  for (const ms of [0, 1, 2]) {
    now = ms;
    throttle.record(answer(429, 'user', 3_600_000));
  }
  t.equal(throttle.concurrency, 4, 'halved');
  t.equal(throttle.stopReason, undefined, 'members’ own limits stop nothing');
  now = 5 * 60_000;
  throttle.record(answer(200));
  t.equal(throttle.concurrency, 4, 'not yet');
  now = 11 * 60_000;
  throttle.record(answer(200));
  t.equal(throttle.concurrency, 8, 'ten quiet minutes double it, up to what it was');
});

t.test('invalid answers: 401, 403 and 429 count, a shared-resource 429 does not', async (t) => {
  const { throttle } = testThrottle(2);
  for (const info of [answer(401), answer(403), answer(429, 'user'), answer(429, 'shared'), answer(200)]) {
    throttle.record(info);
  }
  t.equal(throttle.invalidInWindow(), 3);
  t.equal(throttle.calls, 5);
});
