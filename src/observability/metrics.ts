// Prometheus metrics for operators: HTTP traffic, verifications, Discord calls, rate-limit waits,
// refresh results and linked members. Each app gets its own registry (tests build many apps).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ResponseInfo } from '../discord/client.js';
import type { Db } from '../db/open.js';
import { gatewayStatus, latestRun, latestRunFinishedAt, membersByStatus } from '../db/reports.js';
import { GATEWAY_STATES, LINK_STATUSES } from '../db/schema.js';
import { REFRESH_RESULTS, type RefreshSummary } from '../refresh/job.js';

export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly verificationsStarted = new Counter({
    name: 'verifications_started_total',
    help: 'Members sent to Discord to authorize',
    registers: [this.registry],
  });
  readonly verificationsCompleted = new Counter({
    name: 'verifications_completed_total',
    help: 'Verifications that wrote a role connection, by what we saw of the tag',
    labelNames: ['tag'],
    registers: [this.registry],
  });
  readonly verificationsFailed = new Counter({
    name: 'verifications_failed_total',
    help: 'Verifications that ended on an error page, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly discordRequests = new Counter({
    name: 'discord_requests_total',
    help: 'Answers from Discord by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });
  readonly rateLimitWaits = new Counter({
    name: 'discord_rate_limit_waits_total',
    help: 'Times a Discord rate limit made us wait',
    registers: [this.registry],
  });
  readonly refreshMembers = new Counter({
    name: 'refresh_members_total',
    help: 'Members handled by in-service refresh runs, by result',
    labelNames: ['result'],
    registers: [this.registry],
  });

  readonly liveEvents = new Counter({
    name: 'gateway_member_events_total',
    help: 'Gateway member events handled by this process, by event and whether a role connection was updated',
    labelNames: ['event', 'applied'],
    registers: [this.registry],
  });

  constructor(db?: Db) {
    collectDefaultMetrics({ register: this.registry });
    if (db) {
      new Gauge({
        name: 'linked_members',
        help: 'Members by link status',
        labelNames: ['status'],
        registers: [this.registry],
        collect() {
          const byStatus = membersByStatus(db);
          this.reset();
          for (const status of LINK_STATUSES) this.set({ status }, byStatus[status]);
        },
      });
      // Cron runs happen in other processes: their results reach Prometheus through the database.
      new Gauge({
        name: 'refresh_last_run_members',
        help: 'Members by result in the latest finished refresh run (cron or in-service)',
        labelNames: ['result'],
        registers: [this.registry],
        collect() {
          const run = latestRun(db, true);
          this.reset();
          if (!run) return;
          for (const result of REFRESH_RESULTS) this.set({ result }, run[result]);
        },
      });
      // The session may be held by another process on this database: its state comes from there.
      new Gauge({
        name: 'gateway_state',
        help: 'The gateway session: 1 for its current state (connected, resuming, connecting, standby, off)',
        labelNames: ['state'],
        registers: [this.registry],
        collect() {
          const row = gatewayStatus(db);
          this.reset();
          for (const state of GATEWAY_STATES) this.set({ state }, (row?.state ?? 'off') === state ? 1 : 0);
        },
      });
      new Gauge({
        name: 'gateway_session_counts',
        help: 'Since the session row was made: member events received and live updates applied (saved every few seconds)',
        labelNames: ['count'],
        registers: [this.registry],
        collect() {
          const row = gatewayStatus(db);
          this.reset();
          this.set({ count: 'events_received' }, row?.eventsReceived ?? 0);
          this.set({ count: 'live_updates' }, row?.liveUpdates ?? 0);
        },
      });
      new Gauge({
        name: 'gateway_last_sweep_seconds',
        help: 'When the last catch-up sweep of the tag servers finished (Unix time)',
        registers: [this.registry],
        collect() {
          const at = gatewayStatus(db)?.lastSweepAt ?? null;
          this.reset();
          if (at !== null) this.set(at / 1000);
        },
      });
      new Gauge({
        name: 'refresh_last_run_finished_seconds',
        help: 'When the latest refresh run finished (Unix time)',
        registers: [this.registry],
        collect() {
          const at = latestRunFinishedAt(db);
          this.reset();
          if (at !== null) this.set(at / 1000);
        },
      });
    }
  }

  discordResponse = (info: ResponseInfo): void => {
    this.discordRequests.inc({ route: info.route, method: info.method, status: String(info.status) });
  };

  liveEvent = (event: string, applied: boolean): void => {
    this.liveEvents.inc({ event, applied: String(applied) });
  };

  rateLimitWait = (): void => {
    this.rateLimitWaits.inc();
  };

  refreshFinished = (summary: RefreshSummary): void => {
    for (const result of REFRESH_RESULTS) {
      this.refreshMembers.inc({ result }, summary[result]);
    }
  };
}
