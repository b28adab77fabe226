// Entry point of `npm run refresh` (see src/admin/refresh.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runRefreshCommand } from '../src/admin/refresh.js';

await runAsProcess((context) => runRefreshCommand(context));
