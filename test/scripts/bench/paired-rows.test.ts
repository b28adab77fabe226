import t from 'tap';
import type { PairedRound } from '../../../scripts/bench/paired.js';
import { cpuRatio, pairedRows } from '../../../scripts/bench/paired-rows.js';
import { Report } from '../../../scripts/bench/report.js';

const service = (name: 'ours' | 'before' | 'floor', user: number, system: number, failed = 0) => ({
  name,
  userMsPerFlow: user,
  systemMsPerFlow: system,
  failed,
  ...(failed > 0 ? { firstError: 'callback: 502' } : {}),
});
const rounds: PairedRound[] = [
  {
    round: 1,
    seconds: 9,
    services: [service('ours', 1.5, 0.5), service('before', 2, 0.5), service('floor', 0.8, 0.2)],
  },
  {
    round: 2,
    seconds: 9,
    services: [service('ours', 1.8, 0.2), service('before', 1.8, 0.2), service('floor', 0.9, 0.1, 3)],
  },
];
const options = {
  before: '/tmp/old',
  concurrency: 48,
  flows: 3000,
  rounds: 2,
  warmupFlows: 500,
  logLevel: 'info',
  tmp: '/tmp',
};

t.test('ratios of CPU per flow count user and system time together', async (t) => {
  t.equal(cpuRatio(rounds[0]!, 'ours', 'floor'), 2);
  t.equal(cpuRatio(rounds[0]!, 'ours', 'before'), 0.8);
  const alone = { ...rounds[0]!, services: rounds[0]!.services.filter((s) => s.name !== 'before') };
  t.equal(cpuRatio(alone, 'ours', 'before'), null, 'no such build in the round: no ratio');
});

t.test('rows give the median ratio and each round, and flag failed flows', async (t) => {
  const report = new Report();
  pairedRows(report, rounds, options);
  const values = report.rows.map((row) => `${row.measure} => ${row.value}`);
  t.match(values[0], /ours ÷ before .* => 0\.80×; 0\.80× 1\.00×/);
  t.match(values[1], /before ÷ floor .* => 2\.00×; 2\.50× 2\.00×/);
  t.match(values[2], /ours ÷ floor .* => 2\.00×; 2\.00× 2\.00×/);
  t.match(values[3], /round 1: CPU ms per flow => ours 2\.00 \(0\.50 system\); before 2\.50/);
  const failed = report.rows.find((row) => row.measure.includes('floor failed flows'));
  t.match(failed, { value: '3 of 3000', status: 'missed' });
  t.match(report.notes.join('\n'), /first failure: callback: 502/);
  t.match(report.notes.join('\n'), /the build in \/tmp\/old \(--before\)/);
});

t.test('without --before there is only ours ÷ floor', async (t) => {
  const report = new Report();
  const alone = rounds.map((r) => ({ ...r, services: r.services.filter((s) => s.name !== 'before') }));
  pairedRows(report, alone, { ...options, before: null });
  t.same(
    report.rows.filter((row) => row.measure.includes('÷')).map((row) => row.measure.split('flow, ')[1]),
    ['ours ÷ floor (median; each round)'],
  );
});
