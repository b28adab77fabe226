// Entry point of `npm run register` (see src/admin/register.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runRegister } from '../src/admin/register.js';

await runAsProcess((context) => runRegister(context));
