// A small keep-alive HTTP client over node:http for the load generator and the emulator's control API:
// fetch's own overhead would blur the latencies measured, and it cannot cap sockets per host simply.
import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class HttpClient {
  private readonly agent: Agent;

  constructor(
    readonly base: string,
    maxSockets = 64,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** `agent`: another connection pool than this client's own (e.g. one member's own address). */
  request(method: string, path: string, init: { headers?: Record<string, string>; body?: string; agent?: Agent } = {}) {
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
      const req = request(`${this.base}${path}`, { method, headers, agent: init.agent ?? this.agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.once('error', reject);
      });
      req.once('error', reject);
      req.end(init.body);
    });
  }

  /** JSON in, JSON out; any status of 400 or more throws with the answer's text. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, {
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    return (res.body === '' ? undefined : JSON.parse(res.body)) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * One member's browser: its own connection from its own loopback address (127.0.0.0/8 all answers
 * locally), as members come from different addresses, each with its own per-address rate limit.
 */
export function memberAgent(i: number): Agent {
  const n = i + 1;
  const localAddress = `127.${1 + ((n >> 16) & 0x7f)}.${(n >> 8) & 0xff}.${n & 0xff}`;
  return new Agent({ keepAlive: true, maxSockets: 1, localAddress });
}

/** Runs `work(i)` for i in [0, count) with at most `concurrency` at once. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
