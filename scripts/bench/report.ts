// The benchmark's output: one table of figures, each beside its target with met / missed, plus notes
// on how figures were taken, and the same data as JSON so runs can be compared between changes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

export type Status = 'met' | 'missed' | '';

export interface Row {
  section: string;
  measure: string;
  value: string;
  target: string;
  status: Status;
}

export class Report {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];

  /** `met` undefined: a figure without a target (shown for context). */
  add(section: string, measure: string, value: string, target = '', met?: boolean): void {
    this.rows.push({ section, measure, value, target, status: met === undefined ? '' : met ? 'met' : 'missed' });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  render(): string {
    const headers: Row = { section: 'section', measure: 'measure', value: 'value', target: 'target', status: '' };
    const keys = ['section', 'measure', 'value', 'target', 'status'] as const;
    const all = [headers, ...this.rows];
    const width = keys.map((k) => Math.max(...all.map((r) => (k === 'status' ? 6 : r[k].length))));
    const line = (r: Row) =>
      keys
        .map((k, i) => (k === 'value' ? r[k].padStart(width[i]!) : r[k].padEnd(width[i]!)))
        .join('  ')
        .trimEnd();
    const rule = width.map((w) => '─'.repeat(w)).join('  ');
    const body: string[] = [];
    let section = '';
    for (const row of this.rows) {
      if (row.section !== section && section !== '') body.push(rule);
      body.push(line(row.section === section ? { ...row, section: '' } : row));
      section = row.section;
    }
    const notes = this.notes.map((n, i) => `${i + 1}. ${n}`);
    const tally = this.rows.filter((r) => r.status !== '');
    const met = tally.filter((r) => r.status === 'met').length;
    return [
      line({ ...headers, status: 'status' as Status }),
      rule,
      ...body,
      rule,
      `${met} of ${tally.length} targets met (targets are goals, not assertions).`,
      '',
      'How figures were taken:',
      ...notes,
    ].join('\n');
  }
}

export function machine() {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryMiB: Math.round(totalmem() / 1024 / 1024),
  };
}

/** Writes `data` as indented JSON, creating the folder. */
export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
