// Calls parked by a `hold` fault until whoever drives the emulator releases them, so a test can act
// while a call is in flight (kill a job, stop a service) without guessing how long that lasts.
import type { ServerResponse } from 'node:http';

export interface HeldCall {
  method: string;
  /** Path after /api/v10, as in the call log. */
  route: string;
  /** The user whose Bearer token the call carries, if any. */
  userId?: string;
  /** True once the client closed its connection while the call was held. */
  clientGone: boolean;
}

interface Parked {
  call: HeldCall;
  release: () => void;
}

export class HeldCalls {
  private parked: Parked[] = [];

  /** Snapshots of the calls held now, oldest first. */
  list(): HeldCall[] {
    return this.parked.map((p) => ({ ...p.call }));
  }

  get count(): number {
    return this.parked.length;
  }

  /** Resolves when the call is released; notes when its client goes away meanwhile. */
  hold(method: string, route: string, response: ServerResponse, userId?: string): Promise<void> {
    const call: HeldCall = { method, route, ...(userId === undefined ? {} : { userId }), clientGone: false };
    response.once('close', () => {
      if (!response.writableFinished) call.clientGone = true;
    });
    return new Promise((resolve) => this.parked.push({ call, release: resolve }));
  }

  /** Lets the oldest `count` held calls go on (all of them by default); returns how many went. */
  release(count = Infinity): number {
    const going = this.parked.splice(0, Math.min(count, this.parked.length));
    for (const p of going) p.release();
    return going.length;
  }
}
