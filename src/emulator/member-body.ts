// The bodies a bot sees for a server member (README §10): the user object with `primary_guild` always
// present, and the member object around it, shared by List/Get Guild Member and the gateway events.
import type { EmulatedUser } from './types.js';
import { currentUserBody } from './user-body.js';

/** A user as another account (the bot) sees it: no `mfa_enabled`/`locale`; `primary_guild` required, nullable. */
export function publicUserBody(user: EmulatedUser): Record<string, unknown> {
  const { mfa_enabled: _mfa, locale: _locale, ...body } = currentUserBody(user);
  return { ...body, primary_guild: user.primary_guild ?? null };
}

/** Discord's timestamp format, e.g. 2026-11-01T00:00:00.000000+00:00. */
export function discordTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

export function memberBody(user: EmulatedUser, joinedAt: number): Record<string, unknown> {
  return {
    user: publicUserBody(user),
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: discordTimestamp(joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
  };
}
