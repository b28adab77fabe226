import t, { type Test } from 'tap';
import { IDENTIFY_LIMIT, IDENTIFY_WARNING, IdentifyThrottle } from '../../src/gateway/identify-throttle.js';
import { SessionStore } from '../../src/gateway/session-store.js';
import { openDatabase } from '../../src/db/open.js';
import { gatewaySessions } from '../../src/db/schema.js';

function setup(t: Test) {
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  let now = 1_000_000;
  const store = new SessionStore(db, () => now);
  store.setState('connecting');
  const warnings: string[] = [];
  const refusals: string[] = [];
  const throttle = new IdentifyThrottle({
    store,
    now: () => now,
    spacingMs: 5_000,
    warn: (w) => warnings.push(w),
    refuse: (r) => refusals.push(r),
  });
  return { db, store, throttle, warnings, refusals, at: (ms: number) => (now = ms) };
}

t.test('an IDENTIFY waits out 5 s since the last one, even one sent before a restart', async (t) => {
  const { store, throttle, at } = setup(t);
  await throttle.waitForIdentify(0, new AbortController().signal);
  t.equal(store.lastIdentifyAt(), 1_000_000, 'the first goes at once and is recorded');
  at(1_001_000);
  // A throttle of a new process, reading the same database.
  const aborted = AbortSignal.abort(new Error('shard closed'));
  await t.rejects(throttle.waitForIdentify(0, aborted), { name: 'AbortError' }, 'it waits instead of identifying');
  t.equal(store.lastIdentifyAt(), 1_000_000, 'nothing was sent meanwhile');
  at(1_005_000);
  await throttle.waitForIdentify(0, new AbortController().signal);
  t.equal(store.row()?.identifiesInWindow, 2);
});

t.test('a warning long before Discord’s 1,000 identifies a day; the window starts again after 24 h', async (t) => {
  const { db, store, throttle, warnings, at } = setup(t);
  db.update(gatewaySessions)
    .set({ identifyWindowStart: 1_000_000, identifiesInWindow: IDENTIFY_WARNING - 2 })
    .run();
  const signal = new AbortController().signal;
  at(2_000_000);
  await throttle.waitForIdentify(0, signal);
  t.same(warnings, []);
  at(2_010_000);
  await throttle.waitForIdentify(0, signal);
  t.equal(warnings.length, 1);
  t.match(warnings[0], /100 times in 24 hours; Discord resets the bot token at 1,000/);
  at(1_000_000 + 86_400_000);
  await throttle.waitForIdentify(0, signal);
  t.equal(store.row()?.identifiesInWindow, 1, 'a new day, a new count');
});

t.test('no IDENTIFY past the day’s limit, even after a restart, until the window ends', async (t) => {
  const { db, store, throttle, refusals, at } = setup(t);
  db.update(gatewaySessions)
    .set({ identifyWindowStart: 1_000_000, identifiesInWindow: IDENTIFY_LIMIT - 1, lastIdentifyAt: 1_000_000 })
    .run();
  at(2_000_000);
  await throttle.waitForIdentify(0, new AbortController().signal);
  t.equal(store.row()?.identifiesInWindow, IDENTIFY_LIMIT, 'the last one allowed goes');
  t.same(refusals, []);

  at(2_010_000);
  const shard = new AbortController();
  const waiting = throttle.waitForIdentify(0, shard.signal);
  t.equal(refusals.length, 1, 'the next is refused at once');
  t.match(refusals[0], /900 times in 24 hours.*resets the bot token at 1,000.*until 1970-01-02T00:16:40\.000Z/);
  shard.abort();
  await t.rejects(waiting, { name: 'AbortError' }, 'it ends as a shard closed while waiting');
  t.equal(store.row()?.identifiesInWindow, IDENTIFY_LIMIT, 'nothing was recorded as sent');
  t.equal(store.lastIdentifyAt(), 2_000_000);

  at(1_000_000 + 86_400_000);
  await throttle.waitForIdentify(0, new AbortController().signal);
  t.equal(store.row()?.identifiesInWindow, 1, 'a new window allows identifies again');
  t.equal(refusals.length, 1);
});
