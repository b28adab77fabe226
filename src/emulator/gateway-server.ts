// Serves the gateway WebSocket at /gateway on the emulator's own HTTP server (README §10.3): JSON text
// frames, no compression; `?v=10&encoding=json` is accepted. Closing the emulator drops every socket.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import type { Gateway } from './gateway.js';

export function registerGatewayServer(app: FastifyInstance, gateway: Gateway): void {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://emulator');
    if (url.pathname !== '/gateway') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      gateway.accept(ws, `ws://${request.headers.host ?? 'localhost'}/gateway`, url.searchParams.get('v'));
    });
  };
  app.server.on('upgrade', onUpgrade);
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    gateway.reset();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}
