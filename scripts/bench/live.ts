// Section 4: live tags. The service (compiled, as production runs it) holds the bot's gateway
// session to the emulator; a seeded member's tag is changed on the emulated Discord, one change at a
// time, and the time from the change to the role-connection PUT's answer is taken from the
// emulator's own call log (same machine, same clock).
import { join } from 'node:path';
import { serviceEnv, wornTag } from './fixture.js';
import { HttpClient } from './http.js';
import { firstLine, freePort, sleep, spawnScript, waitUntilHealthy, type Child } from './processes.js';
import { seedMembers } from './seed.js';
import { summarize, type Summary } from './stats.js';

export interface LiveOptions {
  members: number;
  changes: number;
  logLevel: string;
  tmp: string;
  nodeArgs: string[];
}

export interface LiveResult {
  members: number;
  changes: number;
  /** From the change on the emulated Discord to the answer of the PUT it caused, in ms. */
  eventToPutMs: Summary;
  /** PUTs per change: 1 when each change gives exactly one, whatever the servers shared. */
  putsPerChange: number;
  memberReads: number;
}

interface Call {
  method: string;
  route: string;
  userId?: string;
  at: number;
  ms: number;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`live tags: timed out waiting for ${what}`);
    await sleep(2);
  }
}

export async function benchLive(o: LiveOptions): Promise<LiveResult> {
  const emulator = spawnScript('scripts/bench/emulator-child.ts', [], { env: {}, cwd: o.tmp, keepStdout: true });
  const children: Child[] = [emulator];
  const { url } = JSON.parse(await firstLine(emulator)) as { url: string };
  const control = new HttpClient(url, 4);
  try {
    const dbPath = join(o.tmp, 'live.sqlite');
    const { ids } = await seedMembers(control, dbPath, o.members, 90);
    const port = await freePort();
    const env = serviceEnv({ port, emulatorUrl: url, databasePath: dbPath, logLevel: o.logLevel });
    const service = spawnScript('src/server.ts', [], { env, cwd: o.tmp, nodeArgs: o.nodeArgs, compiled: true });
    children.push(service);
    await waitUntilHealthy(service, `http://127.0.0.1:${port}/healthz`);
    const metrics = new HttpClient(`http://127.0.0.1:${port}`, 1);
    // Connected, and the sweep that follows the first IDENTIFY done, so only our changes cause PUTs.
    await until('the gateway session and its first sweep', async () => {
      const text = (await metrics.request('GET', '/metrics')).body;
      return /gateway_state\{state="connected"\} 1/.test(text) && /gateway_last_sweep_seconds \d/.test(text)
        ? true
        : undefined;
    });
    metrics.close();

    const latencies: number[] = [];
    let puts = 0;
    let reads = 0;
    for (let i = 0; i < o.changes; i += 1) {
      const id = ids[i % ids.length]!;
      // The first pass takes each tag off, the next puts it back on, and so on.
      const wearing = Math.floor(i / ids.length) % 2 === 1;
      await control.json('DELETE', '/_emulator/calls');
      const changedAt = Date.now();
      await control.json('PUT', `/_emulator/users/${id}/primary-guild`, wearing ? wornTag : null);
      const put = await until(`the PUT for change ${i + 1}`, async () => {
        const calls = await control.json<Call[]>('GET', '/_emulator/calls');
        return calls.find((c) => c.method === 'PUT' && c.userId === id && c.route.includes('role-connection'));
      });
      const calls = await control.json<Call[]>('GET', '/_emulator/calls');
      puts += calls.filter((c) => c.method === 'PUT').length;
      reads += calls.filter((c) => c.method === 'GET' && c.route === '/users/@me').length;
      latencies.push(put.at + put.ms - changedAt);
    }
    return {
      members: o.members,
      changes: o.changes,
      eventToPutMs: summarize(latencies),
      putsPerChange: puts / Math.max(1, o.changes),
      memberReads: reads,
    };
  } finally {
    control.close();
    await Promise.all(children.map((child) => child.stop()));
  }
}
