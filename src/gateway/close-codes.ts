// The gateway close codes after which Discord will not take the session back, each with what the
// admin must change. Every other close is resumed or re-identified by @discordjs/ws itself.
import { GatewayCloseCodes } from 'discord-api-types/v10';
import { MEMBERS_INTENT_SWITCH } from '../discord/intents.js';

const FATAL: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]:
    'Discord refused DISCORD_BOT_TOKEN on the gateway (close 4004); copy the token again from developer portal → Bot → Token',
  [GatewayCloseCodes.DisallowedIntents]: `the Server Members intent is not enabled for this application (close 4014); switch it on: ${MEMBERS_INTENT_SWITCH}`,
  [GatewayCloseCodes.InvalidIntents]: 'Discord refused the intents we asked for (close 4013)',
  [GatewayCloseCodes.InvalidShard]: 'Discord refused the shard (close 4010)',
  [GatewayCloseCodes.ShardingRequired]:
    'Discord requires sharding for this bot (close 4011: over 2,500 servers), which this service does not do',
  [GatewayCloseCodes.InvalidAPIVersion]: 'Discord refused gateway version 10 (close 4012)',
};

/** What to change, for a close Discord will not resume; undefined for any other code. */
export function fatalCloseReason(code: number): string | undefined {
  return FATAL[code];
}
