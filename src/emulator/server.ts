// Starts an emulator on a real socket, for tests, the demo and `npm run emulator`.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildEmulator, type EmulatorOptions } from './app.js';
import type { EmulatorState } from './state.js';

export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:3999 (the API is at `${url}/api/v10`). */
  url: string;
  state: EmulatorState;
  app: FastifyInstance;
  close: () => Promise<void>;
}

export async function startEmulator(
  options: EmulatorOptions,
  listen: { host?: string; port?: number } = {},
): Promise<RunningEmulator> {
  const { app, state } = buildEmulator(options);
  const host = listen.host ?? '127.0.0.1';
  await app.listen({ host, port: listen.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shownHost}:${port}`, state, app, close: () => app.close() };
}
