// What a browser gets when Node refuses its request before fastify sees it: headers over Node's
// 16 KiB (431), a request it cannot parse (400), one slower than requestTimeout (408). fastify's own
// answer to these is JSON; a member gets our error page, with the same security headers as every
// other page. The page is in English: the headers that would choose a language were not read.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { english } from '../i18n/translate.js';
import { errorPage } from '../views/pages.js';

const statusOf = (code: string | undefined) =>
  code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;

/** fastify's `clientErrorHandler`: writes the whole answer itself, then closes the connection. */
export function clientErrorAnswer(
  verifyUrl: string,
  headers: Readonly<Record<string, string>>,
): (error: Error & { code?: string }, socket: Socket) => void {
  const tr = english();
  const body = Buffer.from(
    errorPage(tr, { title: tr.t('error.badRequest.title'), message: tr.t('error.badRequest.text'), verifyUrl }),
  );
  const head = Object.entries({
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-language': 'en-US',
    'content-length': String(body.length),
    'cache-control': 'no-store',
    connection: 'close',
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error, socket) => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status = statusOf(error.code);
    // As Node does: not into a response already under way (a bad request pipelined behind it).
    const underWay = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (socket.writable && underWay !== true)
      socket.write(
        Buffer.concat([
          // Every answer has its id, as fastify's do; no log line of ours carries this one.
          Buffer.from(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nx-request-id: ${randomUUID()}\r\n${head}\r\n`),
          body,
        ]),
      );
    socket.destroy();
  };
}
