// Entry point of the service: reads the environment, wires the real dependencies and listens.
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { openDatabase } from './db/open.js';
import { createDiscordClient } from './discord/client.js';
import { loggerOptions } from './logger.js';
import { startRefreshSchedule } from './refresh/schedule.js';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  const discord = createDiscordClient(config, systemClock);
  const app = await buildApp({ config, db, discord, clock: systemClock, logger: loggerOptions(config.logLevel) });
  const schedule =
    config.refreshInterval === null
      ? null
      : startRefreshSchedule({ config, db, clock: systemClock }, config.refreshInterval, app.log);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await Promise.all([app.close(), schedule?.stop()]);
    db.$client.close();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`verification URL: ${config.publicUrl}/linked-role`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('The service could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
