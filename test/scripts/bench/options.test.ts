import t from 'tap';
import { parseOptions, type BenchOptions } from '../../../scripts/bench/options.js';

const parsed = (argv: string[]) => parseOptions(argv) as BenchOptions;

t.test('a plain run leaves the paired section out; --before or --only asks for it', async (t) => {
  t.same(parsed([]).sections, ['verification', 'refresh', 'startup', 'live']);
  t.match(parsed([]), { before: null, pairedConcurrency: 48, pairedFlows: 3000 });
  t.same(parsed(['--before', '../old']).sections, ['verification', 'refresh', 'startup', 'live', 'paired']);
  t.same(parsed(['--only', 'paired', '--before', '../old']).sections, ['paired']);
  t.match(parsed(['--quick', '--only', 'paired']), { pairedFlows: 300, rounds: 1 });
  t.match(parsed(['--only', 'paired', '--paired-concurrency', '16', '--paired-flows', '1_000']), {
    pairedConcurrency: 16,
    pairedFlows: 1000,
  });
});

t.test('flows per level follow the concurrency unless --flows says', async (t) => {
  t.equal(parsed([]).flows(64), 6400);
  t.equal(parsed([]).flows(1), 1000);
  t.equal(parsed(['--flows', '250']).flows(64), 250);
  t.equal(parsed(['--quick']).flows(64), 200);
});

t.test('bad flags are usage errors that name the flag', async (t) => {
  t.match(parseOptions(['--paired-flows', '0']), { error: true, message: /--paired-flows must be whole numbers/ });
  t.match(parseOptions(['--only', 'pairs']), { error: true, message: /unknown section pairs/ });
});
