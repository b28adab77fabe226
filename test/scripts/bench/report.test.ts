import t from 'tap';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, Report, writeJson } from '../../../scripts/bench/report.js';
import { median, mib, ms, num } from '../../../scripts/bench/stats.js';

t.test('the table names each section once, lines up values and tallies the targets', async (t) => {
  const report = new Report();
  report.add('verification', 'flows per second', '551.8/s', '≥ 1,000/s', false);
  report.add('verification', 'CPU per flow', '1.83 ms');
  report.add('refresh job', '100,000: duration', '12.3 s', '< 60 s', true);
  report.note('How the flows were driven.');
  const lines = report.render().split('\n');
  t.match(lines[0], /^section\s+measure\s+value\s+target\s+status$/);
  t.equal(lines.filter((l) => l.startsWith('verification')).length, 1, 'a section is named on its first row only');
  t.ok(
    lines.some((l) => /^\s+CPU per flow\s+1\.83 ms$/.test(l)),
    'later rows leave the section blank',
  );
  t.ok(lines.some((l) => /12\.3 s\s+< 60 s\s+met$/.test(l)));
  t.equal(lines.filter((l) => l.startsWith('─')).length, 3, 'a rule under the header, between sections and at the end');
  t.ok(lines.includes('1 of 2 targets met (targets are goals, not assertions).'));
  t.equal(lines.at(-1), '1. How the flows were driven.');
});

t.test('machine facts and JSON results', async (t) => {
  t.match(machine(), { node: process.version, cpus: Number, memoryMiB: Number });
  const file = join(mkdtempSync(join(tmpdir(), 'bench-report-')), 'deep', 'latest.json');
  writeJson(file, { a: 1 });
  t.same(JSON.parse(readFileSync(file, 'utf8')), { a: 1 }, 'the folder is made as needed');
});

t.test('figures are written alike everywhere', async (t) => {
  t.equal(num(1234.5), '1,235');
  t.equal(num(NaN), '—');
  t.equal(ms(1.234), '1.23 ms');
  t.equal(ms(12.34), '12.3 ms');
  t.equal(mib(150 * 1024), '150.0 MB');
  t.equal(median([3, 1, 2]), 2);
});
