// The Server Members intent: where its switch is in the developer portal, and how the application's
// flags show it is on (approved, or switched on below Discord's review threshold).
import { ApplicationFlags } from 'discord-api-types/v10';

export const MEMBERS_INTENT_SWITCH = 'developer portal → Bot → Privileged Gateway Intents → Server Members Intent';

export type MembersIntent = 'approved' | 'limited' | 'off';

export function membersIntent(flags: number | undefined): MembersIntent {
  if (((flags ?? 0) & ApplicationFlags.GatewayGuildMembers) !== 0) return 'approved';
  if (((flags ?? 0) & ApplicationFlags.GatewayGuildMembersLimited) !== 0) return 'limited';
  return 'off';
}
