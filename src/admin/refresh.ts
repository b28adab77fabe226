// `npm run refresh`: the cron job that keeps every linked member's role connection true. Progress
// on a terminal, one JSON line per N members in a log, then a summary and a meaningful exit code.
import { systemClock, type Clock } from '../time/clock.js';
import { formatDuration, parseDuration } from '../time/duration.js';
import { runRefresh, type Progress, type RefreshSummary } from '../refresh/job.js';
import type { CommandContext } from './cli.js';
import { runCommand } from './command.js';
import { EXIT, UsageError } from './errors.js';

const USAGE = `Usage: npm run refresh -- [options]
  --user <id>             only this member
  --dry-run               compute and report, write nothing (no token is refreshed)
  --limit <n>             at most n members
  --stale-after <time>    only members not checked for this long (e.g. 12h, 1d)
  --concurrency <n>       members at once, 1 to 64 (default REFRESH_CONCURRENCY or 8)
  --wait                  wait for a running refresh to finish instead of exiting
  --log-every <n>         without a terminal, one progress line per n members (default 100)
Exit codes: 0 all done, 1 some members failed, 2 could not run or stopped early.`;

const OPTIONS = {
  user: { type: 'string' },
  'dry-run': { type: 'boolean' },
  limit: { type: 'string' },
  'stale-after': { type: 'string' },
  concurrency: { type: 'string' },
  wait: { type: 'boolean' },
  'log-every': { type: 'string' },
} as const;

interface Flags {
  user?: string;
  'dry-run'?: boolean;
  limit?: string;
  'stale-after'?: string;
  concurrency?: string;
  wait?: boolean;
  'log-every'?: string;
}

const positive = (text: string | undefined, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'of at least 1' : `from 1 to ${max}`;
    throw new UsageError(`${name} must be a whole number ${range}, got "${text}"`);
  }
  return n;
};
/** As the environment's durations: 0 (or less) is no duration. */
const staleAfter = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) {
    throw new UsageError(`--stale-after must be a duration longer than 0, such as 12h or 1d, got "${text}"`);
  }
  return ms;
};
/** As REFRESH_CONCURRENCY: more members at once would only meet Discord's per-address limits. */
const MAX_CONCURRENCY = 64;

function checkFlags(flags: Flags): void {
  positive(flags.limit, '--limit');
  positive(flags.concurrency, '--concurrency', MAX_CONCURRENCY);
  positive(flags['log-every'], '--log-every');
  staleAfter(flags['stale-after']);
  if (flags.user !== undefined && !/^\d{17,20}$/.test(flags.user))
    throw new UsageError('--user must be a Discord user id');
}

export async function runRefreshCommand(context: CommandContext, clock: Clock = systemClock): Promise<number> {
  return runCommand<Flags>(context, {
    name: 'refresh',
    usage: USAGE,
    options: OPTIONS,
    checkArgs: checkFlags,
    // The job stops itself (README "Keeping roles true"): no member is left half done.
    takesSignal: { note: 'finishing the members in flight, then stopping' },
    run: async (input) => {
      const { flags } = input;
      const dryRun = flags['dry-run'] ?? false;
      const concurrency = positive(flags.concurrency, '--concurrency', MAX_CONCURRENCY);
      const report = input.tty
        ? progressBar(input.status)
        : progressLog(input.out, positive(flags['log-every'], '--log-every') ?? 100);
      const summary = await runRefresh(
        { config: input.config, db: input.database(), clock },
        {
          userId: flags.user,
          dryRun,
          limit: positive(flags.limit, '--limit'),
          staleAfterMs: staleAfter(flags['stale-after']),
          wait: flags.wait ?? false,
          ...(concurrency ? { concurrency } : {}),
          signal: input.signal,
          onProgress: report,
        },
      );
      if (input.tty) input.err('');
      if (flags.user !== undefined && summary.status === 'done' && summary.total === 0) {
        input.err(`No linked member ${flags.user} is stored (or it was checked this very moment); nothing to refresh.`);
        return EXIT.failed;
      }
      return printSummary(summary, input, dryRun);
    },
  });
}

function printSummary(summary: RefreshSummary, { out, err, tty }: CommandContext, dryRun: boolean): number {
  if (summary.status === 'busy') {
    const since = summary.lockHolder ? ` (since ${new Date(summary.lockHolder.acquiredAt).toISOString()})` : '';
    out(`Another refresh is running${since}; nothing done. Use --wait to wait for it.`);
    return EXIT.ok;
  }
  const s = summary;
  out(
    `${dryRun ? 'Dry run (nothing written): ' : ''}checked ${s.checked} of ${s.total}: ${s.updated} updated, ${s.unchanged} unchanged, ` +
      `${s.refreshed} tokens refreshed, ${s.revoked} revoked, ${s.reverify} to verify again, ${s.failed} failed, ${s.skipped} skipped; ` +
      `${s.discordCalls} Discord calls (${s.listPages} member-list pages, ${s.memberReads} members read one by one, ${s.puts} PUTs) ` +
      `in ${formatDuration(s.elapsedMs)}.`,
  );
  for (const notice of s.notices) err(notice);
  if (!tty) out(JSON.stringify({ event: 'summary', ...s, failures: s.failures.map((f) => f.userId) }));
  for (const failure of s.failures) err(`failed: ${failure.userId}: ${failure.reason}`);
  if (s.misconfigured) {
    err(`Stopped at once: ${s.misconfigured.message}. ${s.misconfigured.fix} No member was changed because of it.`);
    return EXIT.unusable;
  }
  if (s.status === 'stopped') {
    err(`Stopped before the end: ${s.stopReason}. The next run continues with the members left.`);
    return EXIT.unusable;
  }
  return s.failed > 0 ? EXIT.failed : EXIT.ok;
}

const rateOf = (p: Progress) => (p.elapsedMs > 0 ? (p.checked * 1000) / p.elapsedMs : 0);

function progressBar(write: (text: string) => void): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 100 && p.checked < p.total) return;
    last = now;
    const share = p.total > 0 ? p.checked / p.total : 1;
    const width = 30;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const rate = rateOf(p);
    const eta = rate > 0 ? formatDuration(((p.total - p.checked) / rate) * 1000) : '?';
    write(`${bar} ${p.checked}/${p.total} ${(share * 100).toFixed(0)}% ${rate.toFixed(1)}/s ETA ${eta}  `);
  };
}

function progressLog(out: (text: string) => void, every: number): (p: Progress) => void {
  return (p) => {
    if (p.checked % every !== 0) return;
    const rate = rateOf(p);
    out(
      JSON.stringify({
        event: 'progress',
        checked: p.checked,
        total: p.total,
        updated: p.updated,
        failed: p.failed,
        list_pages: p.listPages,
        member_reads: p.memberReads,
        puts: p.puts,
        refreshed: p.refreshed,
        rate_per_s: Number(rate.toFixed(2)),
        eta_s: rate > 0 ? Math.round((p.total - p.checked) / rate) : null,
      }),
    );
  };
}
