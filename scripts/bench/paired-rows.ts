// Rows of the paired section (paired.ts): each round's CPU per flow of every build run at once, and
// the ratios between them, the median of the rounds first.
import type { PairedName, PairedOptions, PairedRound } from './paired.js';
import type { Report } from './report.js';
import { median, num } from './stats.js';

/** CPU per flow of `name` over that of `other` in one round, user and system time together. */
export function cpuRatio(round: PairedRound, name: PairedName, other: PairedName): number | null {
  const cpu = (n: PairedName) => {
    const s = round.services.find((service) => service.name === n);
    return s ? s.userMsPerFlow + s.systemMsPerFlow : null;
  };
  const a = cpu(name);
  const b = cpu(other);
  return a === null || b === null || b === 0 ? null : a / b;
}

const ratioText = (r: number | null) => (r === null ? '—' : `${num(r, 2)}×`);

export function pairedRows(report: Report, rounds: readonly PairedRound[], o: PairedOptions): void {
  const section = 'paired';
  const at = `${o.concurrency} concurrent each, ${rounds.length} round${rounds.length === 1 ? '' : 's'}:`;
  const names = rounds[0]?.services.map((s) => s.name) ?? [];
  const ratios: [string, PairedName, PairedName][] = [['ours ÷ floor', 'ours', 'floor']];
  if (names.includes('before'))
    ratios.unshift(['ours ÷ before', 'ours', 'before'], ['before ÷ floor', 'before', 'floor']);
  for (const [label, a, b] of ratios) {
    const each = rounds.map((round) => cpuRatio(round, a, b)).filter((r): r is number => r !== null);
    report.add(
      section,
      `${at} service CPU per flow, ${label} (median; each round)`,
      `${ratioText(each.length > 0 ? median(each) : null)}; ${each.map(ratioText).join(' ')}`,
    );
  }
  for (const round of rounds) {
    const cpu = round.services
      .map((s) => `${s.name} ${num(s.userMsPerFlow + s.systemMsPerFlow, 2)} (${num(s.systemMsPerFlow, 2)} system)`)
      .join('; ');
    report.add(section, `${at} round ${round.round}: CPU ms per flow`, cpu);
    for (const s of round.services.filter((service) => service.failed > 0)) {
      report.add(
        section,
        `${at} round ${round.round}: ${s.name} failed flows`,
        `${s.failed} of ${o.flows}`,
        'none',
        false,
      );
      report.note(`Paired, round ${round.round}, ${s.name}: first failure: ${s.firstError}`);
    }
  }
  const before = o.before === null ? '' : `, the build in ${o.before} (--before)`;
  report.note(
    `Paired: our compiled service${before} and the floor run at the same time against one emulator, ${num(o.flows)} flows each per round at ${o.concurrency} concurrent each (each member on its own loopback address and connection, the addresses of each service its own, after ${num(o.warmupFlows)} warm-up flows each); CPU per flow from /proc/<pid>/stat over the round. All of them meet the same disturbances, so their ratios move far less than those of levels run one after the other; two identical builds come out within a few percent of each other.`,
  );
}
