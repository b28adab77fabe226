// The metadata schema we register with Discord and the pure computation of each member's values
// from the server tag they wear. Both live here so the keys pushed and the keys written never drift;
// the records' names and descriptions, in every language, come from the catalogs of i18n/.
import {
  ApplicationRoleConnectionMetadataType as MetadataType,
  type APIApplicationRoleConnectionMetadata,
  type APIUser,
  type APIUserPrimaryGuild,
} from 'discord-api-types/v10';
import { localizationsOf } from '../i18n/localizations.js';
import { english } from '../i18n/translate.js';

export const DAY_MS = 86_400_000;

/** A record's words in English (what Discord shows by default) and in every language we have. */
function texts(key: 'tag_worn' | 'tag_streak_days' | 'tag_total_days') {
  const name = `metadata.${key}.name` as const;
  const description = `metadata.${key}.description` as const;
  return {
    name: english().t(name),
    description: english().t(description),
    name_localizations: localizationsOf(name),
    description_localizations: localizationsOf(description),
  };
}

export const METADATA_SCHEMA = [
  { key: 'tag_worn', type: MetadataType.BooleanEqual, ...texts('tag_worn') },
  { key: 'tag_streak_days', type: MetadataType.IntegerGreaterThanOrEqual, ...texts('tag_streak_days') },
  { key: 'tag_total_days', type: MetadataType.IntegerGreaterThanOrEqual, ...texts('tag_total_days') },
] as const satisfies readonly APIApplicationRoleConnectionMetadata[];

export type MetadataKey = (typeof METADATA_SCHEMA)[number]['key'];
export type MetadataValues = Record<MetadataKey, string>;

/** What we remember between observations to count streaks and totals. Times are ms since the epoch. */
export interface TagHistory {
  /** Start of the current run of wearing the tag; null when not wearing it at the last observation. */
  wearingSince: number | null;
  /** Time worn in runs that have ended. */
  wornMsBefore: number;
  lastObservedAt: number | null;
}

export const EMPTY_HISTORY: TagHistory = { wearingSince: null, wornMsBefore: 0, lastObservedAt: null };

/** Why the tag does or does not count, so the member can be told what to do. */
export type TagStatus = 'worn' | 'no-tag' | 'switched-off' | 'cleared' | 'other-guild';

export interface TagObservation {
  status: TagStatus;
  worn: boolean;
  /** The tag text Discord showed us, if any (even when it does not count). */
  tag: string | null;
  guildId: string | null;
}

export interface ComputeSettings {
  tagGuildIds: readonly string[];
  platformName: string;
}

export interface ComputedConnection {
  observation: TagObservation;
  metadata: MetadataValues;
  history: TagHistory;
  platformName: string;
  platformUsername: string;
}

type MemberUser = Pick<APIUser, 'username'> & { primary_guild?: APIUserPrimaryGuild | null };

export function observeTag(
  primaryGuild: APIUserPrimaryGuild | null | undefined,
  tagGuildIds: readonly string[],
): TagObservation {
  if (primaryGuild === null || primaryGuild === undefined)
    return { status: 'no-tag', worn: false, tag: null, guildId: null };
  const tag = primaryGuild.tag ?? null;
  const guildId = primaryGuild.identity_guild_id ?? null;
  // identity_guild_id survives after a tag comes off, so only identity_enabled === true means "displayed";
  // a tag without text is one the server changed, which the member has to adopt again. Another
  // server's tag that is not displayed is no tag at all: switching it on would not count either.
  if (primaryGuild.identity_enabled !== true || tag === null) {
    if (guildId === null || !tagGuildIds.includes(guildId)) return { status: 'no-tag', worn: false, tag, guildId };
    const status = primaryGuild.identity_enabled === false ? 'switched-off' : 'cleared';
    return { status, worn: false, tag, guildId };
  }
  if (guildId === null || !tagGuildIds.includes(guildId)) return { status: 'other-guild', worn: false, tag, guildId };
  return { status: 'worn', worn: true, tag, guildId };
}

/** Advances the history to `now` given whether the tag is worn now. */
export function advanceHistory(history: TagHistory, worn: boolean, now: number): TagHistory {
  const wasWearing = history.wearingSince !== null;
  if (worn)
    return { wearingSince: history.wearingSince ?? now, wornMsBefore: history.wornMsBefore, lastObservedAt: now };
  if (!wasWearing) return { ...history, lastObservedAt: now };
  // We only know the tag was on until the last time we saw it, so the run ends there.
  const runEnd = Math.max(history.lastObservedAt ?? now, history.wearingSince!);
  return {
    wearingSince: null,
    wornMsBefore: history.wornMsBefore + (runEnd - history.wearingSince!),
    lastObservedAt: now,
  };
}

export function metadataFor(history: TagHistory, now: number): MetadataValues {
  const currentRun = history.wearingSince === null ? 0 : Math.max(0, now - history.wearingSince);
  return {
    tag_worn: history.wearingSince === null ? '0' : '1',
    tag_streak_days: String(Math.floor(currentRun / DAY_MS)),
    tag_total_days: String(Math.floor((history.wornMsBefore + currentRun) / DAY_MS)),
  };
}

export function computeConnection(
  user: MemberUser,
  previous: TagHistory | null,
  now: number,
  settings: ComputeSettings,
): ComputedConnection {
  const observation = observeTag(user.primary_guild, settings.tagGuildIds);
  const history = advanceHistory(previous ?? EMPTY_HISTORY, observation.worn, now);
  return {
    observation,
    metadata: metadataFor(history, now),
    history,
    platformName: settings.platformName,
    platformUsername: observation.worn && observation.tag ? observation.tag : user.username,
  };
}

/** The JSON body of the role-connection PUT. */
export function roleConnectionBody(
  connection: Pick<ComputedConnection, 'platformName' | 'platformUsername' | 'metadata'>,
) {
  return {
    platform_name: connection.platformName,
    platform_username: connection.platformUsername,
    metadata: connection.metadata,
  };
}
