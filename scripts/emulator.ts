// `npm run emulator`: runs the Discord API emulator standalone so the service and a person can use it without internet.
import { parseArgs } from 'node:util';
import { ConfigError, loadDotEnv } from '../src/config.js';
import { startEmulator } from '../src/emulator/server.js';
import { STANDALONE_USAGE, standaloneSettings } from '../src/emulator/standalone.js';

let help: boolean | undefined;
try {
  ({ help } = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean' } } }).values);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${STANDALONE_USAGE}\n`);
  process.exit(2);
}
if (help) {
  process.stdout.write(`${STANDALONE_USAGE}\n`);
  process.exit(0);
}

// The same .env as the service's, read the same way: real environment variables win.
try {
  loadDotEnv();
} catch (error) {
  const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
  process.stderr.write(`The emulator cannot start:\n${problems.map((problem) => `  - ${problem}\n`).join('')}`);
  process.exit(2);
}

const settings = standaloneSettings(process.env);
if ('problems' in settings) {
  process.stderr.write(
    `The emulator cannot start:\n${settings.problems.map((problem) => `  - ${problem}\n`).join('')}`,
  );
  process.exit(2);
}

let running: Awaited<ReturnType<typeof startEmulator>>;
try {
  running = await startEmulator(settings.options, { host: settings.host, port: settings.port });
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  process.stderr.write(`The emulator cannot listen on ${settings.host}:${settings.port}: ${reason}\n`);
  process.exit(1);
}

console.log(
  `Discord API emulator listening on ${running.url} (API: ${running.url}/api/v10, consent page: ${running.url}/oauth2/authorize)`,
);
// Not a secret: the service verifies webhook events with it.
console.log(`Application public key (set DISCORD_PUBLIC_KEY to this): ${running.state.publicKeyHex}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
