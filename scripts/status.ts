// Entry point of `npm run status` (see src/admin/status.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runStatus } from '../src/admin/status.js';

await runAsProcess((context) => runStatus(context));
