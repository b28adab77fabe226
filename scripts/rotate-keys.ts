// Entry point of `npm run rotate-keys` (see src/admin/rotate-keys.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runRotateKeys } from '../src/admin/rotate-keys.js';

await runAsProcess((context) => runRotateKeys(context));
