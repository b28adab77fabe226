// Entry point of `npm run forget` (see src/admin/forget.ts).
import { runAsProcess } from '../src/admin/cli.js';
import { runForget } from '../src/admin/forget.js';

await runAsProcess((context) => runForget(context));
