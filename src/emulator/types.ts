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
  /** undefined: the key is omitted from /users/@me; null: sent as null. */
  primary_guild?: PrimaryGuild | null;
}

export interface AddUserInput {
  id?: string;
  username: string;
  global_name?: string | null;
  primary_guild?: PrimaryGuild | null;
}

export interface RoleConnection {
  platform_name: string | null;
  platform_username: string | null;
  metadata: Record<string, string>;
}

export type FaultTarget = 'token' | 'revoke' | 'user' | 'role-connection' | 'metadata' | 'any';

export type Fault =
  | { kind: 'status'; target?: FaultTarget; status: number; times?: number }
  | { kind: 'rate-limit'; target?: FaultTarget; retryAfter: number; global?: boolean; times?: number }
  | { kind: 'latency'; target?: FaultTarget; ms: number; times?: number }
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
  body?: unknown;
}
