import t from 'tap';
import { MemberLocks } from '../../src/db/member-locks.js';

/** A task that runs only when the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

t.test('writes for one member run one at a time, in order; other members do not wait', async (t) => {
  const locks = new MemberLocks();
  const order: string[] = [];
  const first = gate();
  const a1 = locks.run('a', async () => {
    order.push('a1 start');
    await first.opened;
    order.push('a1 end');
  });
  const a2 = locks.run('a', async () => void order.push('a2'));
  await locks.run('b', async () => void order.push('b'));
  t.same(order, ['a1 start', 'b'], 'b ran while a1 held a; a2 waits');
  first.open();
  await Promise.all([a1, a2]);
  t.same(order, ['a1 start', 'b', 'a1 end', 'a2']);
  t.equal(locks.busy, 0, 'nothing kept once done');
});

t.test('a failed holder frees the member; a waiter past its limit gives up without running', async (t) => {
  const locks = new MemberLocks();
  await t.rejects(
    locks.run('a', async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  t.equal(await locks.run('a', async () => 'next'), 'next');
  const held = gate();
  const holder = locks.run('a', () => held.opened);
  let ran = false;
  await t.rejects(
    locks.run(
      'a',
      async () => {
        ran = true;
      },
      0,
      () => new Error('busy'),
    ),
    /busy/,
  );
  t.notOk(ran);
  held.open();
  await holder;
  t.equal(await locks.run('a', async () => 'free again'), 'free again');
  t.equal(locks.busy, 0);
});
