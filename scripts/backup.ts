// Entry point of `npm run backup` (see src/admin/backup.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runBackup } from '../src/admin/backup.js';

await runAsProcess((context) => runBackup(context));
