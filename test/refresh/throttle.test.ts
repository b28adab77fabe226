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
  t.equal(await throttle.admit(async () => 'at once', stop.signal), 'at once');
  t.same(slept, [], 'a stopping service does not wait');
});

t.test('a pause longer than the job will take stops it instead', async (t) => {
  const { throttle } = testThrottle(2, 60_000);
  t.ok(throttle.pause(60_000));
  t.equal(throttle.stopReason, undefined);
  t.notOk(throttle.pause(61_000));
  t.match(throttle.stopReason, /wait 61 s/);
  t.equal(await throttle.gate(0), false, 'workers retire');
});

t.test('invalid answers: 401, 403 and 429 count, a shared-resource 429 does not', async (t) => {
  const { throttle } = testThrottle(2);
  const answer = (status: number, scope: string | null = null) => ({
    method: 'GET',
    route: '/users/@me',
    status,
    scope,
    global: false,
    retryAfterMs: status === 429 ? 10 : null,
    waitedMs: 1,
  });
  for (const info of [answer(401), answer(403), answer(429, 'user'), answer(429, 'shared'), answer(200)]) {
    throttle.record(info);
  }
  t.equal(throttle.invalidInWindow(), 3);
  t.equal(throttle.calls, 5);
});
