// Live tags: the bot's one gateway session, held by one process per database. Member events become
// role-connection updates within the second; a fresh identify (a gap Discord cannot replay) starts
// a sweep of the tag servers' member lists; a bad token or a missing intent ends live updates with
// one line saying what to change, while the service goes on serving members and refreshing.
import { randomBytes } from 'node:crypto';
import { WebSocketManager, WebSocketShardEvents, type SessionInfo } from '@discordjs/ws';
import { GatewayDispatchEvents, GatewayIntentBits, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { holderName, release, renew, takeOverFromGone, tryAcquire } from '../db/job-locks.js';
import { IdentifyThrottle } from './identify-throttle.js';
import { fatalCloseReason } from './close-codes.js';
import { MEMBER_EVENTS, onMemberEvent } from './member-events.js';
import { GATEWAY_LOCK, SessionStore } from './session-store.js';

export { GATEWAY_LOCK } from './session-store.js';
import { memberEventDeps, sweep, type LiveContext, type LiveUpdatesOptions } from './live-context.js';

export const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers;

export type { LiveUpdatesOptions } from './live-context.js';

export class LiveUpdates {
  readonly store: SessionStore;
  private readonly holder = holderName(`gateway-${randomBytes(4).toString('hex')}`);
  private readonly ttl: number;
  private readonly context: LiveContext;
  private manager: WebSocketManager | undefined;
  private session: SessionInfo | null = null;
  private timer: NodeJS.Timeout | undefined;
  private holding = false;
  private stopped = false;
  private pending = { events: 0, applied: 0 };
  private readonly inFlight = new Set<Promise<unknown>>();
  private sweeping: Promise<void> | undefined;
  /** A new identify came while a sweep ran: members that sweep had passed may have changed since. */
  private sweepOwed = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: LiveUpdatesOptions) {
    this.store = new SessionStore(options.db, options.clock);
    this.ttl = options.lockTtlMs ?? 30_000;
    this.context = memberEventDeps(options, this.abort.signal);
  }

  /** Takes the session when no other process holds it, and keeps trying while one does. */
  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.ttl / 3);
  }

  private tick(): void {
    if (this.stopped) return;
    const { db, clock } = this.options;
    if (this.holding) {
      if (renew(db, GATEWAY_LOCK, this.holder, clock(), this.ttl)) {
        // A start that could not reach Discord is tried again at each renewal.
        if (!this.manager) this.connect();
        return this.flush();
      }
      this.options.log.warn('the gateway session lock was taken by another process; this one stands by');
      this.holding = false;
      void this.manager?.destroy({ code: 4100, reason: 'another process holds the session' });
      this.manager = undefined;
      return;
    }
    const now = clock();
    if (
      tryAcquire(db, GATEWAY_LOCK, this.holder, now, this.ttl) ||
      takeOverFromGone(db, GATEWAY_LOCK, this.holder, now, this.ttl)
    ) {
      this.holding = true;
      this.connect();
    }
  }

  private connect(): void {
    const { config, log } = this.options;
    this.session = this.store.session();
    this.store.setState(this.session ? 'resuming' : 'connecting');
    const manager = new WebSocketManager({
      token: config.botToken!,
      intents: INTENTS,
      // One session row (session-store.ts): the tag servers are a few, far below the 2,500 guilds a
      // shard holds, whatever /gateway/bot recommends; 4011 would end live updates with its reason.
      shardCount: 1,
      rest: this.context.discord.botRest(),
      retrieveSessionInfo: () => this.session,
      updateSessionInfo: (_shard, info) => {
        // A shutdown destroys the shard; its session must survive so the next start resumes. A holder
        // that lost the lease is destroyed too, and the row is then the new holder's.
        if ((this.stopped || !this.holding) && info === null) return;
        this.session = info;
        if (info === null) this.store.saveSession(null);
      },
      buildIdentifyThrottler: () =>
        new IdentifyThrottle({
          store: this.store,
          now: Date.now,
          ...(this.options.identifySpacingMs === undefined ? {} : { spacingMs: this.options.identifySpacingMs }),
          warn: (message) => log.warn(message),
          refuse: (reason) => this.turnOff(reason),
        }),
    });
    manager.on(WebSocketShardEvents.Dispatch, (payload) => this.onDispatch(payload));
    manager.on(WebSocketShardEvents.Closed, (code) => this.onClosed(code));
    manager.on(WebSocketShardEvents.Error, (error) => log.debug({ err: error.message }, 'gateway error'));
    this.manager = manager;
    manager.connect().catch((error: unknown) => this.connectFailed(manager, error));
  }

  private connectFailed(manager: WebSocketManager, error: unknown): void {
    if (this.stopped || this.manager !== manager) return;
    if ((error as { status?: number }).status === 401) {
      return this.turnOff(
        'Discord refused DISCORD_BOT_TOKEN (401 on GET /gateway/bot); copy the token again from developer portal → Bot → Token',
      );
    }
    this.options.log.warn({ err: describe(error) }, 'the gateway could not be reached; trying again shortly');
    this.store.setState('connecting', `the gateway could not be reached: ${describe(error)}`);
    this.manager = undefined;
    void Promise.resolve(manager.destroy()).catch(() => undefined);
  }

  private onClosed(code: number): void {
    if (this.stopped) return;
    const fatal = fatalCloseReason(code);
    if (fatal) return this.turnOff(fatal);
    this.store.setState(this.session ? 'resuming' : 'connecting');
  }

  /** Live updates end; members are still served and refreshed by polling. */
  private turnOff(reason: string): void {
    if (this.stopped) return;
    this.options.log.error(
      `live updates are off: ${reason}. The service goes on serving members and refreshing by polling.`,
    );
    this.store.setState('off', reason);
    void this.manager?.destroy();
    this.manager = undefined;
    this.holding = false;
    this.stopped = true;
    clearInterval(this.timer);
    release(this.options.db, GATEWAY_LOCK, this.holder);
  }

  private onDispatch(payload: GatewayDispatchPayload): void {
    if (payload.t === GatewayDispatchEvents.Ready) {
      this.store.setState('connected');
      this.options.log.info('gateway session identified; sweeping the tag servers for what was missed');
      this.startSweep();
      return;
    }
    if (payload.t === GatewayDispatchEvents.Resumed) return this.store.setState('connected');
    if (!MEMBER_EVENTS.has(payload.t)) return;
    this.pending.events += 1;
    const work = onMemberEvent(this.context.events, payload)
      .then((outcome) => {
        const applied = outcome?.pushed === true;
        if (applied) this.pending.applied += 1;
        if (outcome) this.options.log.info({ userId: outcome.userId, result: outcome.kind }, 'live update');
        this.options.onEvent?.(payload.t, applied);
      })
      .catch((error: unknown) => this.options.log.error({ err: describe(error) }, 'a live update failed'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private startSweep(): void {
    if (this.sweeping) {
      this.sweepOwed = true;
      return;
    }
    this.sweepOwed = false;
    this.sweeping = sweep(this.options, this.abort.signal)
      .then((done) => {
        // Only a sweep begun after the latest identify has caught up with everything missed.
        if (done && !this.sweepOwed) this.store.sweptAt(this.options.clock());
      })
      .catch((error: unknown) => this.options.log.error({ err: describe(error) }, 'the catch-up sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
        if (this.sweepOwed && !this.stopped) this.startSweep();
      });
  }

  private flush(): void {
    if (this.session) this.store.saveSession(this.session);
    this.store.addCounts(this.pending.events, this.pending.applied);
    this.pending = { events: 0, applied: 0 };
  }

  /** Closes the session resumably (a restart resumes it), waits for events in hand, saves all. */
  async stop(): Promise<void> {
    const wasStopped = this.stopped;
    this.stopped = true;
    clearInterval(this.timer);
    this.abort.abort();
    // Any code but 1000/1001 keeps the session resumable on Discord's side.
    await this.manager?.destroy({ code: 4100, reason: 'restarting' });
    await Promise.allSettled([...this.inFlight, this.sweeping]);
    if (this.holding && !wasStopped) {
      this.flush();
      this.store.setState('off', 'the service holding the session stopped; the next start resumes it');
      release(this.options.db, GATEWAY_LOCK, this.holder);
    }
    this.holding = false;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
