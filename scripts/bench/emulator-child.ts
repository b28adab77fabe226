// The emulator as its own process for the benchmarks, so its work never shares an event loop with the
// service or the refresh job being measured. Rate limits are off; prints {"url"} as its first line.
import { startEmulator } from '../../src/emulator/server.js';
import { BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, GUILD } from './fixture.js';

const redirectUris = (process.env.BENCH_REDIRECT_URIS ?? '').split(',').filter(Boolean);
const running = await startEmulator(
  {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    botToken: BOT_TOKEN,
    redirectUris,
    guilds: [GUILD],
    rateLimit: false,
  },
  { host: '127.0.0.1', port: 0 },
);
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
// Never outlive the benchmark, even when it is killed before it can stop us.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void running.close().then(() => process.exit(0)), 1_000).unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
