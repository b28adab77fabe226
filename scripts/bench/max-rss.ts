// Preloaded into a measured child (`node --import`) so it reports its own peak resident memory
// (process.resourceUsage().maxRSS, in KiB) to the file named by BENCH_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
