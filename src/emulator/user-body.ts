// The user object GET /users/@me answers with: a module of its own, because the webhook events
// (in state.ts) describe the same user, and the routes depend on the state, not the other way round.
import type { EmulatedUser } from './types.js';

export function currentUserBody(user: EmulatedUser): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: user.id,
    username: user.username,
    avatar: null,
    discriminator: '0',
    public_flags: 0,
    flags: 0,
    global_name: user.global_name,
    mfa_enabled: false,
    locale: user.locale,
  };
  if (user.primary_guild !== undefined) body.primary_guild = user.primary_guild;
  return body;
}
