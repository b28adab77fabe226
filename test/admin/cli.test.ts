import t from 'tap';
import { parseCommandArgs } from '../../src/admin/cli.js';
import { commandContext } from '../helpers.js';

const OPTIONS = { json: { type: 'boolean' }, user: { type: 'string' } } as const;

t.test('flags are parsed; --help and bad flags are answered with the usage', async (t) => {
  const ok = commandContext(['--json', '--user', '42', 'file'], {});
  t.same(parseCommandArgs(ok.context, OPTIONS, 'Usage: x', true), {
    flags: { json: true, user: '42' },
    positionals: ['file'],
  });

  const help = commandContext(['--help'], {});
  t.equal(parseCommandArgs(help.context, OPTIONS, 'Usage: x'), 0);
  t.same(help.out, ['Usage: x']);

  const bad = commandContext(['--nope'], {});
  t.equal(parseCommandArgs(bad.context, OPTIONS, 'Usage: x'), 2);
  t.match(bad.err[0], /Unknown option '--nope'\nUsage: x/);

  const stray = commandContext(['file'], {});
  t.equal(parseCommandArgs(stray.context, OPTIONS, 'Usage: x'), 2, 'positionals only where allowed');
});
