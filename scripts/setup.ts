// Entry point of `npm run setup` (see src/admin/setup.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runSetup } from '../src/admin/setup.js';

await runAsProcess((context) => runSetup(context));
