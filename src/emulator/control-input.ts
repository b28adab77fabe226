// Checks JSON sent to the control API (/_emulator) so a typo in a test fails loudly instead of seeding odd data.
import { Locale } from 'discord-api-types/v10';
import type {
  AddUserInput,
  EventTamper,
  PrimaryGuild,
  SeedOptions,
  SeedUserInput,
  SendableEvent,
  SendEventInput,
} from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';
const LOCALES = new Set<string>(Object.values(Locale));

/** Whether `value` is one of Discord's locale codes (what /users/@me can answer in `locale`). */
export const isDiscordLocale = (value: unknown): value is string => typeof value === 'string' && LOCALES.has(value);

/** A PrimaryGuild object, null, or a message saying what is wrong. */
export function parsePrimaryGuild(value: unknown): PrimaryGuild | null | string {
  if (value === null) return null;
  if (!isObject(value)) return 'primary_guild must be an object or null';
  const { identity_guild_id, identity_enabled, tag, badge } = value;
  if (!nullableString(identity_guild_id)) return 'identity_guild_id must be a string or null';
  if (!(identity_enabled === null || typeof identity_enabled === 'boolean')) {
    return 'identity_enabled must be a boolean or null';
  }
  if (!nullableString(tag)) return 'tag must be a string or null';
  if (!nullableString(badge)) return 'badge must be a string or null';
  return { identity_guild_id, identity_enabled, tag, badge };
}

export function parseUserInput(body: unknown): AddUserInput | string {
  if (!isObject(body)) return 'a user must be a JSON object';
  const { id, username, global_name, locale, primary_guild } = body;
  if (id !== undefined && !(typeof id === 'string' && /^\d{1,20}$/.test(id))) return 'id must be a string of digits';
  if (typeof username !== 'string' || username === '') return 'username must be a non-empty string';
  if (global_name !== undefined && !nullableString(global_name)) return 'global_name must be a string or null';
  if (locale !== undefined && !isDiscordLocale(locale)) return 'locale must be one of Discord’s locale codes';
  const input: AddUserInput = { username };
  if (id !== undefined) input.id = id;
  if (global_name !== undefined) input.global_name = global_name;
  if (locale !== undefined) input.locale = locale;
  if (primary_guild !== undefined) {
    const guild = parsePrimaryGuild(primary_guild);
    if (typeof guild === 'string') return guild;
    input.primary_guild = guild;
  }
  return input;
}

export function parseAuthorizeInput(body: unknown): { userId: string; scopes: string[]; redirectUri: string } | string {
  if (!isObject(body)) return 'expected {userId, scopes, redirectUri}';
  const { userId, scopes, redirectUri } = body;
  if (typeof userId !== 'string') return 'userId must be a string';
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
    return 'scopes must be an array of strings';
  if (typeof redirectUri !== 'string') return 'redirectUri must be a string';
  return { userId, scopes: scopes as string[], redirectUri };
}

/** Users per POST /_emulator/seed; seed more in several requests. */
export const MAX_SEED_USERS = 10_000;
const snowflakes = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((id) => typeof id === 'string' && /^\d{1,20}$/.test(id));
const token = (v: unknown): boolean => v === undefined || (typeof v === 'string' && /^[\x21-\x7e]{1,200}$/.test(v));

export function parseSeedInput(body: unknown): { users: SeedUserInput[]; options: SeedOptions } | string {
  if (!isObject(body) || !Array.isArray(body.users)) return 'expected {users: [...], scopes?, expiresIn?, guildIds?}';
  const { users, scopes, expiresIn, guildIds } = body;
  if (users.length === 0 || users.length > MAX_SEED_USERS) return `users must hold 1 to ${MAX_SEED_USERS} users`;
  const parsed: SeedUserInput[] = [];
  for (const [i, raw] of users.entries()) {
    const user = parseUserInput(raw);
    if (typeof user === 'string') return `users[${i}]: ${user}`;
    const { accessToken, refreshToken, guildIds: memberOf } = raw as Record<string, unknown>;
    if (!token(accessToken) || !token(refreshToken))
      return `users[${i}]: tokens must be 1 to 200 visible ASCII characters`;
    if (memberOf !== undefined && !snowflakes(memberOf))
      return `users[${i}]: guildIds must be an array of digit strings`;
    parsed.push({
      ...user,
      ...(memberOf === undefined ? {} : { guildIds: memberOf }),
      ...(accessToken === undefined ? {} : { accessToken: accessToken as string }),
      ...(refreshToken === undefined ? {} : { refreshToken: refreshToken as string }),
    });
  }
  const options: SeedOptions = {};
  if (scopes !== undefined) {
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
      return 'scopes must be an array of strings';
    options.scopes = scopes as string[];
  }
  if (expiresIn !== undefined) {
    if (!Number.isSafeInteger(expiresIn) || (expiresIn as number) < 1)
      return 'expiresIn must be a whole number of seconds';
    options.expiresIn = expiresIn as number;
  }
  if (guildIds !== undefined) {
    if (!snowflakes(guildIds)) return 'guildIds must be an array of digit strings';
    options.guildIds = guildIds;
  }
  return { users: parsed, options };
}

const eventTypes: readonly SendableEvent[] = ['PING', 'APPLICATION_AUTHORIZED', 'APPLICATION_DEAUTHORIZED'];
const tampers: readonly EventTamper[] = ['signature', 'body', 'stale-timestamp', 'missing-headers'];

export function parseEventInput(body: unknown): SendEventInput | string {
  if (!isObject(body)) return 'expected {type, userId?, url?, tamper?, timestampSeconds?}';
  const { type, userId, url, tamper, timestampSeconds } = body;
  if (!eventTypes.includes(type as SendableEvent)) return `type must be one of ${eventTypes.join(', ')}`;
  const input: SendEventInput = { type: type as SendableEvent };
  if (userId !== undefined) {
    if (typeof userId !== 'string') return 'userId must be a string';
    input.userId = userId;
  }
  if (url !== undefined) {
    if (typeof url !== 'string') return 'url must be a string';
    input.url = url;
  }
  if (tamper !== undefined) {
    if (!tampers.includes(tamper as EventTamper)) return `tamper must be one of ${tampers.join(', ')}`;
    input.tamper = tamper as EventTamper;
  }
  if (timestampSeconds !== undefined) {
    if (!Number.isSafeInteger(timestampSeconds)) return 'timestampSeconds must be an integer';
    input.timestampSeconds = timestampSeconds as number;
  }
  return input;
}

export { isObject };
