// The admin commands as the process an admin runs: Ctrl-C (SIGINT) and SIGTERM stop them, from the
// compiled scripts, while Discord (the emulator) holds a call so the signal always comes mid-call.
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { startScript } from '../children.js';
import { emptyDir, harness, harnessEnv, linkMembers, type Harness } from '../helpers.js';
import { waitFor } from '../wait-for.js';

const fileHarness = (t: Test) => harness(t, { env: { DATABASE_PATH: join(t.testdir(), 'db.sqlite') } });

/** Starts `script` against the harness and waits until the emulator holds its first held call. */
async function startHeld(t: Test, h: Harness, script: string, args: string[] = []) {
  const run = startScript(t, script, args, { cwd: emptyDir(), env: harnessEnv(h) });
  await waitFor(() => h.emulator.held.count > 0, { what: `${script}'s call held by the emulator` });
  return run;
}

const stderrMatches = (run: ReturnType<typeof startScript>, pattern: RegExp, what: string) =>
  waitFor(() => pattern.test(run.output.err), { what: `${what}; stderr: ${JSON.stringify(run.output.err)}` });

t.test('setup --check stops on SIGINT while Discord holds its call: exit 2, one line saying so', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'hold', times: 1 });
  const run = await startHeld(t, h, 'scripts/setup.ts', ['--check']);
  run.child.kill('SIGINT');
  t.equal(await run.waitForExit(), 2, run.output.err);
  t.match(run.output.err, /^Interrupted \(SIGINT\): stopped before the end; run the command again to finish\.\n$/);
  t.equal(run.output.out, '', 'no checklist of a setup that did not finish');
});

t.test('register stops on SIGTERM while Discord holds the schema call: exit 2', async (t) => {
  const h = await harness(t);
  h.emulator.addFault({ kind: 'hold', target: 'metadata', times: 1 });
  const run = await startHeld(t, h, 'scripts/register.ts');
  run.child.kill('SIGTERM');
  t.equal(await run.waitForExit(), 2, run.output.err);
  t.match(run.output.err, /^Interrupted \(SIGTERM\): stopped before the end; run the command again to finish\.\n$/);
  t.same(h.emulator.metadataSchema, [], 'nothing was registered');
});

t.test('refresh finishes the members in flight on SIGINT; a second SIGINT stops it at once', async (t) => {
  const h = await fileHarness(t);
  await linkMembers(h, 1);
  h.emulator.addFault({ kind: 'hold', target: 'user' });
  const run = await startHeld(t, h, 'scripts/refresh.ts');
  run.child.kill('SIGINT');
  await stderrMatches(
    run,
    /Interrupted \(SIGINT\): finishing the members in flight, then stopping; a second Ctrl-C or SIGTERM stops at once\.\n/,
    'the refresh to say it finishes first',
  );
  run.child.kill('SIGINT');
  t.equal(await run.waitForExit(), 2, run.output.err);
  t.match(run.output.err, /Interrupted again \(SIGINT\): stopped at once\.\n$/);
});

t.test('forget finishes the member it is forgetting on SIGINT: a rotated token is never lost', async (t) => {
  const h = await fileHarness(t);
  const [user] = await linkMembers(h, 1);
  // The child runs on the real clock, for which the stored token has expired: it rotates first.
  h.emulator.addFault({ kind: 'hold', target: 'token', times: 1 });
  const run = await startHeld(t, h, 'scripts/forget.ts', [user!.id]);
  run.child.kill('SIGINT');
  await stderrMatches(
    run,
    /Interrupted \(SIGINT\): finishing with this member first, so no token Discord issues is lost; a second Ctrl-C or SIGTERM stops at once\.\n/,
    'forget to say it finishes first',
  );
  h.emulator.held.release();
  t.equal(await run.waitForExit(), 0, run.output.err);
  t.match(
    run.output.out,
    `Forgot ${user!.id}: role connection deleted on Discord, access revoked, stored data deleted.`,
  );
  t.equal(h.members.get(user!.id), undefined, 'the row is gone');
});
