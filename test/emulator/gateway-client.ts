// A raw WebSocket client for the emulator's gateway tests: keeps every payload, waits only through
// waitFor, and is always terminated by the test that opened it.
import type { Test } from 'tap';
import WebSocket from 'ws';
import { waitFor } from '../wait-for.js';
import { BOT_TOKEN, type Emu } from './helpers.js';

export interface Payload {
  op: number;
  d?: unknown;
  s?: number;
  t?: string;
}

export interface RawClient {
  ws: WebSocket;
  payloads: Payload[];
  /** The close code once the socket has closed. */
  closeCode: () => number | undefined;
  send: (payload: unknown) => void;
  /** The first payload (from index `from`) matching `match`. */
  next: (match: (p: Payload) => boolean, what: string, from?: number) => Promise<Payload>;
  closed: (what: string) => Promise<number>;
}

export async function connect(t: Test, emu: Emu, query = '?v=10&encoding=json'): Promise<RawClient> {
  const ws = new WebSocket(`${emu.url.replace(/^http/, 'ws')}/gateway${query}`);
  const payloads: Payload[] = [];
  let code: number | undefined;
  ws.on('message', (data) => payloads.push(JSON.parse(String(data)) as Payload));
  ws.on('close', (c) => (code = c));
  ws.on('error', () => undefined);
  t.teardown(() => ws.terminate());
  const client: RawClient = {
    ws,
    payloads,
    closeCode: () => code,
    send: (payload) => ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    next: (match, what, from = 0) => waitFor(() => payloads.slice(from).find(match), { what }),
    closed: (what) => waitFor(() => code, { what: `the gateway to close the socket (${what})` }),
  };
  await client.next((p) => p.op === 10, 'HELLO');
  return client;
}

export const identifyPayload = (intents = 3, token = BOT_TOKEN, extra: Record<string, unknown> = {}) => ({
  op: 2,
  d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra },
});

/** HELLO, IDENTIFY, READY: the client and its READY data. */
export async function identified(
  t: Test,
  emu: Emu,
  intents = 3,
): Promise<{ client: RawClient; ready: { session_id: string; resume_gateway_url: string } }> {
  const client = await connect(t, emu);
  client.send(identifyPayload(intents));
  const ready = await client.next((p) => p.t === 'READY', 'READY');
  return { client, ready: ready.d as { session_id: string; resume_gateway_url: string } };
}

export const dispatches = (client: RawClient, t: string): Payload[] => client.payloads.filter((p) => p.t === t);

export const control = (emu: Emu, path: string, body?: unknown): Promise<Response> =>
  fetch(`${emu.url}/_emulator/gateway${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
