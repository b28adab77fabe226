// Flags of `npm run bench`: sizes a developer can turn down for a quick check, with --quick giving a
// smoke run of all three sections in well under a minute.
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [options]
  --quick                    smoke run of every section with small sizes (well under a minute)
  --only <list>              sections to run: verification,refresh,startup,live,paired (default all but paired)
  --members <list>           refresh: members to seed, e.g. 10000,100000 (default; quick: 2000)
  --latency-sample <n>       refresh: members in the latency run (default 2000; quick: 200)
  --latency-ms <ms>          refresh: latency injected per Discord call (default 50)
  --refresh-concurrency <n>  refresh: members at once (default 8, as REFRESH_CONCURRENCY)
  --concurrency <list>       verification: concurrent members (default 1,16,64)
  --flows <n>                verification: flows per concurrency and round (default max(1000, 100 × concurrency); quick: 200)
  --rounds <n>               verification: rounds of ours then the floor at each concurrency; paired: rounds
                             (default 3; quick: 1)
  --startup-runs <n>         start-up: measured starts (default 5; quick: 2)
  --live-changes <n>         live tags: tag changes timed from event to PUT (default 500; quick: 50)
  --before <dir>             paired: also run the build of another checkout (npm ci && npm run build there);
                             adds the paired section to a plain run
  --paired-concurrency <n>   paired: concurrent members of each service (default 48)
  --paired-flows <n>         paired: flows of each service per round (default 3000; quick: 300)
  --log-level <level>        the service's LOG_LEVEL (default info, the production default)
  --profile                  write CPU profiles of the service and job processes (node --cpu-prof)
  --out <file>               JSON results (default bench/results/latest.json)`;

export type Section = 'verification' | 'refresh' | 'startup' | 'live' | 'paired';
const SECTIONS: readonly Section[] = ['verification', 'refresh', 'startup', 'live', 'paired'];
/** What a plain `npm run bench` runs; the paired section is asked for by name (or by --before). */
const DEFAULT_SECTIONS: readonly Section[] = ['verification', 'refresh', 'startup', 'live'];

export interface BenchOptions {
  quick: boolean;
  sections: Section[];
  members: number[];
  latencySample: number;
  latencyMs: number;
  refreshConcurrency: number;
  concurrencies: number[];
  flows: (concurrency: number) => number;
  flowsFlag: number | null;
  rounds: number;
  warmupFlows: number;
  startupRuns: number;
  liveChanges: number;
  logLevel: string;
  profile: boolean;
  out: string;
  before: string | null;
  pairedConcurrency: number;
  pairedFlows: number;
}

const list = (text: string, name: string): number[] => text.split(',').map((part) => whole(part.trim(), name));

function whole(text: string, name: string): number {
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be whole numbers of at least 1, got "${text}"`);
  return n;
}

/** Parsed flags, or a string to print (help or a usage error) and whether it is an error. */
export function parseOptions(argv: string[]): BenchOptions | { message: string; error: boolean } {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        members: { type: 'string' },
        'latency-sample': { type: 'string' },
        'latency-ms': { type: 'string' },
        'refresh-concurrency': { type: 'string' },
        concurrency: { type: 'string' },
        flows: { type: 'string' },
        rounds: { type: 'string' },
        'startup-runs': { type: 'string' },
        'live-changes': { type: 'string' },
        'log-level': { type: 'string' },
        before: { type: 'string' },
        'paired-concurrency': { type: 'string' },
        'paired-flows': { type: 'string' },
        profile: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
    if (values.help) return { message: USAGE, error: false };
    const quick = values.quick ?? false;
    const before = values.before ?? null;
    const defaults = before === null ? DEFAULT_SECTIONS : [...DEFAULT_SECTIONS, 'paired'];
    const sections = (values.only ?? defaults.join(',')).split(',').map((s) => s.trim()) as Section[];
    const unknown = sections.filter((s) => !SECTIONS.includes(s));
    if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}`);
    const flowsFlag = values.flows === undefined ? null : whole(values.flows, '--flows');
    const refreshConcurrency = whole(values['refresh-concurrency'] ?? '8', '--refresh-concurrency');
    if (refreshConcurrency > 64) throw new Error('--refresh-concurrency must be at most 64');
    return {
      quick,
      sections,
      members: list(values.members ?? (quick ? '2000' : '10000,100000'), '--members'),
      latencySample: whole(values['latency-sample'] ?? (quick ? '200' : '2000'), '--latency-sample'),
      latencyMs: whole(values['latency-ms'] ?? '50', '--latency-ms'),
      refreshConcurrency,
      concurrencies: list(values.concurrency ?? '1,16,64', '--concurrency'),
      flows: (c) => flowsFlag ?? (quick ? 200 : Math.max(1_000, 100 * c)),
      flowsFlag,
      rounds: whole(values.rounds ?? (quick ? '1' : '3'), '--rounds'),
      warmupFlows: quick ? 100 : 500,
      startupRuns: whole(values['startup-runs'] ?? (quick ? '2' : '5'), '--startup-runs'),
      liveChanges: whole(values['live-changes'] ?? (quick ? '50' : '500'), '--live-changes'),
      logLevel: values['log-level'] ?? 'info',
      profile: values.profile ?? false,
      out: values.out ?? 'bench/results/latest.json',
      before,
      pairedConcurrency: whole(values['paired-concurrency'] ?? '48', '--paired-concurrency'),
      pairedFlows: whole(values['paired-flows'] ?? (quick ? '300' : '3000'), '--paired-flows'),
    };
  } catch (error) {
    return { message: `${(error as Error).message}\n${USAGE}`, error: true };
  }
}
