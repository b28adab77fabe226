// Entry point of the service: reads the environment, wires the real dependencies and listens; on
// SIGTERM or SIGINT it stops accepting, finishes what is in flight and closes the database.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app.js';
import { systemClock } from './time/clock.js';
import { ConfigError, loadConfig, loadDotEnv, neededVariables, optionalVariables } from './config.js';
import { MemberLocks } from './db/member-locks.js';
import { openDatabase } from './db/open.js';
import { createDiscordClient } from './discord/client.js';
import { batchedStdout, loggerOptions } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { startRefreshSchedule } from './refresh/schedule.js';

const USAGE = `Usage: npm start (or npm run serve, node dist/src/server.js) [-- --help]
  runs the verification service; it takes no arguments: its settings come from the environment and
  from .env in the working directory (real environment variables win)
Needs: ${neededVariables('serve').join(', ')}
Reads when set: ${optionalVariables('serve').join(', ')}`;

/** A start-up failure with the exit code README "Exit codes" gives it. */
class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The arguments, read before anything else: --help needs no configuration. True when it was --help. */
function answeredHelp(argv: string[]): boolean {
  let help: boolean | undefined;
  try {
    ({ help } = parseArgs({ args: argv, options: { help: { type: 'boolean' } } }).values);
  } catch (error) {
    throw new StartError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (help) process.stdout.write(`${USAGE}\n`);
  return help === true;
}

function openDatabaseOrExplain(path: string) {
  try {
    return openDatabase(path);
  } catch (error) {
    const where = path === ':memory:' || resolve(path) === path ? path : `${path} (${resolve(path)})`;
    throw new StartError(
      `Could not open the database at DATABASE_PATH=${where}: ${(error as Error).message}. ` +
        'Point DATABASE_PATH at an SQLite file this user can write, or at a path where one can be created',
      2,
    );
  }
}

async function main(): Promise<void> {
  if (answeredHelp(process.argv.slice(2))) return;
  loadDotEnv();
  const config = loadConfig(process.env);
  const db = openDatabaseOrExplain(config.databasePath);
  const metrics = new Metrics(db);
  const discord = createDiscordClient(config, systemClock, {
    onResponse: metrics.discordResponse,
    onRateLimit: metrics.rateLimitWait,
  });
  const pretty = process.stdout.isTTY === true;
  const logger = loggerOptions(config.logLevel, pretty, pretty ? undefined : batchedStdout());
  // One member's verification and refresh never interleave in this process.
  const locks = new MemberLocks();
  const app = await buildApp({ config, db, discord, clock: systemClock, metrics, logger, locks });
  const schedule =
    config.refreshInterval === null
      ? null
      : startRefreshSchedule(
          { config, db, clock: systemClock, locks },
          config.refreshInterval,
          app.log,
          metrics.refreshFinished,
        );

  // One process per database holds the bot's gateway session; the others stand by.
  // Loaded only when used: the gateway client costs memory a service without live updates never needs.
  const live = config.liveUpdates
    ? new (await import('./gateway/live-updates.js')).LiveUpdates({
        config,
        db,
        clock: systemClock,
        locks,
        log: app.log,
        onEvent: metrics.liveEvent,
      })
    : null;

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    await Promise.all([app.close(), schedule?.stop(), live?.stop()]);
    db.$client.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));
  if (config.tokenKeyDerived) {
    app.log.warn(
      'TOKEN_ENCRYPTION_KEY is not set: tokens are sealed with a key derived from COOKIE_SECRET; set a key of its own',
    );
  }
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`verification URL: ${config.verifyUrl}`);
  if (live) live.start();
  else
    app.log.info(
      'live updates are off (LIVE_UPDATES=off or no DISCORD_BOT_TOKEN): tags are followed by npm run refresh',
    );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartError) {
    console.error(error.message);
    process.exit(error instanceof StartError ? error.exitCode : 2);
  }
  console.error('The service could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
