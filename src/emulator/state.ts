// The emulated Discord's memory (users, grants, role connections, application, faults, logs) and the handle tests use.
import type {
  AddUserInput,
  APIApplicationRoleConnectionMetadata,
  ApplicationChanges,
  EmulatedApplication,
  EmulatedUser,
  EmulatorCall,
  EventDelivery,
  Fault,
  PrimaryGuild,
  RoleConnection,
  SeededUser,
  SeedOptions,
  SeedUserInput,
  SendEventInput,
} from './types.js';
import { ApplicationStore, defaultApplication, type ApplicationConfig } from './application.js';
import { FaultQueue } from './faults.js';
import { Gateway } from './gateway.js';
import { MemberStore } from './members.js';
import { Membership } from './membership.js';
import { GrantStore } from './grants.js';
import { HeldCalls } from './holds.js';
import { randomSnowflake } from './ids.js';
import { checkScopes } from './scopes.js';
import { RateLimiter, type RateLimitConfig } from './rate-limit.js';
import { generateSigningKeys } from './signing.js';
import { currentUserBody } from './user-body.js';
import { EventDispatcher, type EventResponse } from './webhook-events.js';

export type {
  AddUserInput,
  EmulatedUser,
  EmulatorCall,
  Fault,
  FaultTarget,
  PrimaryGuild,
  RoleConnection,
} from './types.js';

export { knownScopes } from './scopes.js';

export interface StateConfig {
  clock: () => number;
  /** Real time, for what a client really waits out (rate-limit windows); default Date.now. */
  realClock?: () => number;
  codeTtlMs: number;
  accessTokenTtlSeconds: number;
  redirectUris: readonly string[];
  rateLimit: RateLimitConfig | false;
  /** Default: a random id, no redirect URIs, no servers, no URLs set. */
  application?: ApplicationConfig;
  /** The bot token the gateway accepts in IDENTIFY/RESUME; without one every IDENTIFY is closed 4004. */
  botToken?: string;
  /** HELLO's heartbeat_interval (default 41250 ms) and the real ms between IDENTIFYs (default 5000; 0 = no check). */
  gateway?: { heartbeatIntervalMs?: number; identifyIntervalMs?: number };
  /** List Guild Members' own bucket, per server (README §10.1); default { limit: 10, windowMs: 10_000 }. */
  memberListRateLimit?: RateLimitConfig | false;
}

const copyGuild = (g: PrimaryGuild | null | undefined): PrimaryGuild | null | undefined => (g ? { ...g } : g);

function copyUser(user: EmulatedUser): EmulatedUser {
  const { primary_guild, ...rest } = user;
  return primary_guild === undefined ? { ...rest } : { ...rest, primary_guild: copyGuild(primary_guild) };
}

export class EmulatorState {
  metadataSchema: APIApplicationRoleConnectionMetadata[] = [];
  calls: EmulatorCall[] = [];
  invalidRequests = 0;
  /** Every webhook event sent, in order (verification PINGs included). */
  deliveries: EventDelivery[] = [];
  /** The application's Ed25519 public key, 64 hex characters (`verify_key`, the service's DISCORD_PUBLIC_KEY). */
  readonly publicKeyHex: string;
  /** Internal stores, public for the route modules. */
  readonly grants: GrantStore;
  readonly faults = new FaultQueue();
  /** Calls parked by `hold` faults. */
  readonly held = new HeldCalls();
  readonly rateLimiter: RateLimiter;
  readonly app: ApplicationStore;
  readonly events: EventDispatcher;
  /** The gateway WebSocket's sessions and its test controls (README §10.3, §11). */
  readonly gateway: Gateway;
  readonly memberRateLimiter: RateLimiter;
  private readonly members = new MemberStore();
  /** Member objects and membership events; the routes read members through it. */
  readonly membership: Membership;
  private users = new Map<string, EmulatedUser>();
  private connections = new Map<string, RoleConnection>();

  constructor(readonly config: StateConfig) {
    this.grants = new GrantStore(config.clock, config.codeTtlMs, config.accessTokenTtlSeconds);
    this.rateLimiter = new RateLimiter(config.clock, config.rateLimit, config.realClock);
    const keys = generateSigningKeys();
    this.publicKeyHex = keys.publicKeyHex;
    this.app = new ApplicationStore(config.application ?? defaultApplication(config.redirectUris), keys.publicKeyHex);
    this.events = new EventDispatcher(keys.privateKey, {
      clock: config.clock,
      application: () => this.app.body(),
      user: (userId) => {
        const user = this.users.get(userId);
        const scopes = this.grants.scopesOf(userId) ?? ['identify', 'role_connections.write'];
        return user && { body: currentUserBody(user), scopes };
      },
      record: (delivery) => this.deliveries.push(delivery),
    });
    const memberLimit =
      config.rateLimit === false ? false : (config.memberListRateLimit ?? { limit: 10, windowMs: 10_000 });
    this.memberRateLimiter = new RateLimiter(config.clock, memberLimit, config.realClock);
    this.gateway = new Gateway(
      {
        heartbeatIntervalMs: config.gateway?.heartbeatIntervalMs ?? 41_250,
        identifyIntervalMs: config.gateway?.identifyIntervalMs ?? 5000,
        clock: config.clock,
        realClock: config.realClock ?? Date.now,
      },
      {
        botToken: () => config.botToken,
        application: () => this.app.body(),
        botGuildIds: () => this.app.botGuildIds(),
        guildCreate: (guildId) => this.membership.guildCreate(guildId),
      },
    );
    this.membership = new Membership(this.members, this.app, this.gateway, (id) => this.users.get(id), config.clock);
  }

  /** A snapshot of GET /applications/@me. */
  get application(): EmulatedApplication {
    return this.app.body();
  }

  /** Changes the application as the Developer Portal would, without validating or checking the webhook URL. */
  updateApplication(changes: ApplicationChanges): EmulatedApplication {
    this.app.update(changes);
    return this.app.body();
  }

  /** The bot joins a server: GUILD_CREATE to the gateway sessions with the GUILDS intent. */
  addBotToGuild(guildId: string): void {
    if (this.app.hasBot(guildId)) return;
    this.app.addBot(guildId);
    this.gateway.dispatch('GUILD_CREATE', this.membership.guildCreate(guildId));
  }

  /** False when the bot was not in that server; else GUILD_DELETE `{id}` to the sessions. */
  removeBotFromGuild(guildId: string): boolean {
    if (!this.app.removeBot(guildId)) return false;
    this.gateway.dispatch('GUILD_DELETE', { id: guildId });
    return true;
  }

  /** The user joins a server (membership is explicit; a tag alone is none); false if already in. Throws on an unknown user. */
  addGuildMember(guildId: string, userId: string): boolean {
    return this.membership.add(guildId, userId);
  }

  /** False when the user was not a member. */
  removeGuildMember(guildId: string, userId: string): boolean {
    return this.membership.remove(guildId, userId);
  }

  /** Member ids of a server, ascending by snowflake. */
  guildMemberIds(guildId: string): string[] {
    return this.members.ids(guildId);
  }

  /** Signs, POSTs and records a webhook event (README §5); rejects on bad input or an UnreachableError. */
  sendEvent(input: SendEventInput): Promise<EventResponse> {
    return this.events.send(input);
  }

  /** Resolves once the background deliveries (e.g. APPLICATION_DEAUTHORIZED after a revoke) have finished. */
  settle(): Promise<void> {
    return this.events.settle();
  }

  /** Creates the user, or replaces every field of an existing one (GUILD_MEMBER_UPDATE if it changed, §10). */
  addUser(input: AddUserInput): EmulatedUser {
    const before = input.id !== undefined && this.users.has(input.id) ? this.membership.snapshot(input.id) : undefined;
    const user = this.putUser(input);
    if (before !== undefined) this.membership.userChanged(user.id, before);
    return user;
  }

  private putUser(input: AddUserInput): EmulatedUser {
    const user: EmulatedUser = {
      id: input.id ?? randomSnowflake(),
      username: input.username,
      global_name: input.global_name ?? null,
      locale: input.locale ?? 'en-US',
    };
    if (input.primary_guild !== undefined) user.primary_guild = copyGuild(input.primary_guild);
    this.users.set(user.id, user);
    return copyUser(user);
  }

  setPrimaryGuild(userId: string, value: PrimaryGuild | null | undefined): void {
    const user = this.requireUser(userId);
    const before = this.membership.snapshot(userId);
    if (value === undefined) delete user.primary_guild;
    else user.primary_guild = copyGuild(value);
    this.membership.userChanged(userId, before);
  }

  getUser(userId: string): EmulatedUser | undefined {
    const user = this.users.get(userId);
    return user && copyUser(user);
  }

  listUsers(): EmulatedUser[] {
    return [...this.users.values()].map(copyUser);
  }

  getRoleConnection(userId: string): RoleConnection | undefined {
    const found = this.connections.get(userId);
    return found && { ...found, metadata: { ...found.metadata } };
  }

  setRoleConnection(userId: string, value: RoleConnection): void {
    this.connections.set(userId, { ...value, metadata: { ...value.metadata } });
  }

  deleteRoleConnection(userId: string): void {
    this.connections.delete(userId);
  }

  /** Issues a code exactly as pressing Authorize on the consent page does. */
  authorize(input: { userId: string; scopes: string[]; redirectUri: string }): string {
    this.requireUser(input.userId);
    checkScopes(input.scopes);
    if (!this.config.redirectUris.includes(input.redirectUri)) {
      throw new Error(`redirect URI is not registered: ${input.redirectUri}`);
    }
    return this.grants.issueCode(input.userId, [...new Set(input.scopes)], input.redirectUri);
  }

  /** Creates (or replaces) many users at once, each with a live grant, as if they had authorized; all or nothing.
   * Memberships (`guildIds` per user and in options) are added without gateway events: seeding sets the scene. */
  seed(users: readonly SeedUserInput[], options: SeedOptions = {}): SeededUser[] {
    const scopes = [...new Set(options.scopes ?? ['identify', 'role_connections.write'])];
    checkScopes(scopes);
    const everywhere = options.guildIds ?? [];
    const badGuild = [...everywhere, ...users.flatMap((u) => u.guildIds ?? [])].find((id) => !/^\d{1,20}$/.test(id));
    if (badGuild !== undefined) throw new Error(`a guild id is a string of digits: ${badGuild}`);
    const ids = users.map((user) => user.id ?? randomSnowflake());
    const tokens = this.grants.seed(
      users.map((user, i) => ({ userId: ids[i]!, accessToken: user.accessToken, refreshToken: user.refreshToken })),
      scopes,
      options.expiresIn,
    );
    users.forEach((user, i) => {
      const { guildIds = [], accessToken: _a, refreshToken: _r, ...fields } = user;
      this.putUser({ ...fields, id: ids[i]! });
      for (const guildId of [...everywhere, ...guildIds]) this.membership.add(guildId, ids[i]!, false);
    });
    return tokens.map((set, i) => ({ id: ids[i]!, ...set }));
  }

  /** As if the user removed the app in their settings: every token of theirs stops working. */
  revokeUser(userId: string): number {
    const revoked = this.grants.revokeUser(userId);
    if (revoked > 0) this.events.notify('APPLICATION_DEAUTHORIZED', userId);
    return revoked;
  }

  /** Grants of the user that are still live (an orphaned grant is one nobody holds the tokens of). */
  liveGrants(userId: string): number {
    return this.grants.liveCount(userId);
  }

  expireAccessTokens(userId: string): number {
    return this.grants.expireUser(userId);
  }

  addFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  reset(): void {
    this.users.clear();
    this.connections.clear();
    this.grants.clear();
    this.faults.clear();
    this.held.release();
    this.rateLimiter.clear();
    this.metadataSchema = [];
    this.calls = [];
    this.invalidRequests = 0;
    this.deliveries = [];
    this.app.reset();
    this.members.clear();
    this.memberRateLimiter.clear();
    this.gateway.reset();
  }

  private requireUser(userId: string): EmulatedUser {
    const user = this.users.get(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    return user;
  }
}
