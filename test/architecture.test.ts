import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The project files a module imports, as paths from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative(root, join(root, file, '..', m[1]!)).replace(/\.js$/, '.ts'),
  );
}

t.test('the emulator and the service never import each other', async (t) => {
  const files = sources('src');
  t.ok(files.length > 50, `${files.length} modules read`);
  const crossing = files.flatMap((file) => {
    const inEmulator = file.startsWith('src/emulator/');
    return importsOf(file)
      .filter((target) => target.startsWith('src/emulator/') !== inEmulator)
      .map((target) => `${file} → ${target}`);
  });
  t.same(crossing, []);
});

// What each folder of src/ may import (its README says so in words); the entry modules import anything.
const allowed: Record<string, string[]> = {
  time: [],
  crypto: [],
  settings: ['crypto', 'time'],
  i18n: [],
  metadata: ['i18n'],
  db: ['time', 'crypto', 'metadata'],
  discord: ['time', 'config.ts'],
  views: ['i18n', 'metadata', 'discord'],
  members: ['db', 'discord', 'metadata', 'views', 'time', 'config.ts'],
  refresh: ['db', 'discord', 'metadata', 'crypto', 'time', 'config.ts'],
  observability: ['db', 'discord', 'refresh', 'config.ts'],
  gateway: ['crypto', 'db', 'discord', 'metadata', 'refresh', 'time', 'config.ts'],
  routes: [
    'crypto',
    'db',
    'discord',
    'i18n',
    'members',
    'metadata',
    'observability',
    'refresh',
    'time',
    'views',
    'config.ts',
  ],
  admin: ['config.ts', 'crypto', 'db', 'discord', 'gateway', 'members', 'metadata', 'refresh', 'time', 'observability'],
  emulator: [],
};

t.test('dependencies run one way: each folder imports only what its README allows', async (t) => {
  const part = (path: string) => path.split('/')[1]!;
  const folders = new Set(
    sources('src')
      .map(part)
      .filter((p) => !p.endsWith('.ts')),
  );
  t.same([...folders].sort(), Object.keys(allowed).sort(), 'every folder has its rule');
  const wrong = sources('src').flatMap((file) => {
    const from = part(file);
    if (from.endsWith('.ts')) return [];
    return importsOf(file)
      .filter((target) => target.startsWith('src/') && part(target) !== from && !allowed[from]!.includes(part(target)))
      .map((target) => `${file} → ${target}`);
  });
  t.same(wrong, []);
});

t.test('no file of the project points outside the repository', async (t) => {
  const files = [...sources('src'), ...sources('scripts'), ...sources('test'), 'README.md', 'src/emulator/README.md'];
  // Built from pieces so that this file does not name the very pointers it looks for.
  const pointer = new RegExp(
    [['\\.\\.', 'shared'].join('/'), ['', 'work', ''].join('/'), ['facts', 'sheet'].join(' ')].join('|'),
    'i',
  );
  const outside = files.filter((file) => pointer.test(readFileSync(join(root, file), 'utf8')));
  t.same(outside, [], 'no comment or doc sends the reader to a file the repository does not have');
});
