// Shapes shared by the emulator's state, routes and tests, kept in one place so they cannot drift apart.
import type { APIApplicationRoleConnectionMetadata } from 'discord-api-types/v10';

export type { APIApplicationRoleConnectionMetadata };

export interface PrimaryGuild {
  identity_guild_id: string | null;
  identity_enabled: boolean | null;
  tag: string | null;
  badge: string | null;
}

export interface EmulatedUser {
  id: string;
  username: string;
  global_name: string | null;
  /** The member's Discord client language, one of Discord's locale codes (default en-US). */
  locale: string;
  /** undefined: the key is omitted from /users/@me; null: sent as null. */
  primary_guild?: PrimaryGuild | null;
}

export interface AddUserInput {
  id?: string;
  username: string;
  global_name?: string | null;
  /** One of Discord's locale codes; default en-US. */
  locale?: string;
  primary_guild?: PrimaryGuild | null;
}

/** One user for POST /_emulator/seed and `state.seed`: the user plus the tokens of a live grant (generated when omitted). */
export interface SeedUserInput extends AddUserInput {
  accessToken?: string;
  refreshToken?: string;
  /** Servers this user is a member of (added to `SeedOptions.guildIds`). */
  guildIds?: string[];
}

export interface SeedOptions {
  /** Scopes of every seeded grant; default identify and role_connections.write. */
  scopes?: string[];
  /** Lifetime of the seeded access tokens; default the emulator's `accessTokenTtlSeconds`. */
  expiresIn?: number;
  /** Servers every seeded user becomes a member of (no gateway events: seeding sets the scene). */
  guildIds?: string[];
}

export interface SeededUser {
  id: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

export interface RoleConnection {
  platform_name: string | null;
  platform_username: string | null;
  metadata: Record<string, string>;
}

export type FaultTarget =
  | 'token'
  | 'revoke'
  | 'user'
  | 'role-connection'
  | 'metadata'
  | 'application'
  | 'guild'
  | 'members'
  | 'gateway'
  | 'any';

export type Fault =
  /** `afterAct`: the route acts (tokens rotate, data is written), then this status replaces its answer. */
  | { kind: 'status'; target?: FaultTarget; status: number; afterAct?: boolean; times?: number }
  /**
   * `global` for the global limit; `shared` for a per-resource limit, which is not an invalid request;
   * `bodyOnly` sends no Retry-After or X-RateLimit-* headers, the wait in the body only (as a proxy may).
   */
  | {
      kind: 'rate-limit';
      target?: FaultTarget;
      retryAfter: number;
      global?: boolean;
      shared?: boolean;
      bodyOnly?: boolean;
      times?: number;
    }
  | { kind: 'latency'; target?: FaultTarget; ms: number; times?: number }
  /** Parks the call until it is released (`EmulatorState.held`, or POST /_emulator/held/release). */
  | { kind: 'hold'; target?: FaultTarget; times?: number }
  /** Discord acts on the call, then the connection drops before the answer is sent. */
  | { kind: 'lost-answer'; target?: FaultTarget; times?: number }
  | { kind: 'revoked'; target?: FaultTarget; times?: number };

export type CallAuth = 'bot' | 'bearer' | 'basic' | 'none';

export interface EmulatorCall {
  method: string;
  /** Path after /api/v10 (or after /api when the version was wrong), without the query. */
  route: string;
  /** 0 when the client went away before an answer was sent. */
  status: number;
  auth: CallAuth;
  userId?: string;
  at: number;
  /** Real milliseconds the emulator spent on the call, from its first hook to its answer (latency faults included). */
  ms: number;
  body?: unknown;
}

/** Webhook event types Discord knows (README §5.4). */
export type WebhookEventType =
  | 'APPLICATION_AUTHORIZED'
  | 'APPLICATION_DEAUTHORIZED'
  | 'ENTITLEMENT_CREATE'
  | 'ENTITLEMENT_UPDATE'
  | 'ENTITLEMENT_DELETE'
  | 'QUEST_USER_ENROLLMENT'
  | 'LOBBY_MESSAGE_CREATE'
  | 'LOBBY_MESSAGE_UPDATE'
  | 'LOBBY_MESSAGE_DELETE'
  | 'GAME_DIRECT_MESSAGE_CREATE'
  | 'GAME_DIRECT_MESSAGE_UPDATE'
  | 'GAME_DIRECT_MESSAGE_DELETE';

/** What the emulator can send to a Webhook Events URL. */
export type SendableEvent = 'PING' | 'APPLICATION_DEAUTHORIZED' | 'APPLICATION_AUTHORIZED';

export type EventTamper = 'signature' | 'body' | 'stale-timestamp' | 'missing-headers';

export interface SendEventInput {
  type: SendableEvent;
  /** Required for the APPLICATION_* events. */
  userId?: string;
  /** Default: the application's event_webhooks_url. */
  url?: string;
  tamper?: EventTamper;
  /** X-Signature-Timestamp; default: the emulator clock. */
  timestampSeconds?: number;
}

export interface EventDelivery {
  type: SendableEvent;
  url: string;
  /** 0 when the URL could not be reached (or did not answer in time). */
  status: number;
  tamper?: EventTamper;
  at: number;
}

export interface InstallParams {
  scopes: string[];
  permissions: string;
}

/** The fields PATCH /applications/@me may change (README §7). */
export interface ApplicationChanges {
  description?: string;
  role_connections_verification_url?: string | null;
  event_webhooks_url?: string | null;
  /** 1 disabled, 2 enabled (3, disabled by Discord, cannot be set). */
  event_webhooks_status?: 1 | 2 | 3;
  event_webhooks_types?: WebhookEventType[];
  /** null removes the field from the application. */
  tags?: string[] | null;
  custom_install_url?: string | null;
  install_params?: InstallParams | null;
  /** Portal-only here (the intent switches, README §10): PATCH /applications/@me never sets it. */
  flags?: number;
}

/** GET /applications/@me as the emulator answers it. */
export interface EmulatedApplication {
  id: string;
  name: string;
  icon: null;
  description: string;
  verify_key: string;
  flags: number;
  bot_public: boolean;
  bot_require_code_grant: boolean;
  redirect_uris: string[];
  role_connections_verification_url: string | null;
  event_webhooks_url: string | null;
  event_webhooks_status: 1 | 2 | 3;
  event_webhooks_types: WebhookEventType[];
  approximate_guild_count: number;
  bot: { id: string; username: string; discriminator: string; global_name: null; avatar: null; bot: true };
  tags?: string[];
  custom_install_url?: string;
  install_params?: InstallParams;
}
