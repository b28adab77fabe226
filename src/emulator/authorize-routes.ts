// The browser side of OAuth2: the consent page (GET) and its Authorize/Cancel form post, which redirects back.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkAuthorizeParams, type AppIdentity, type AuthorizeParams } from './authorize-params.js';
import { consentPage, type KnownGuild } from './authorize-page.js';
import { errorPage } from './html.js';
import { randomHex } from './ids.js';
import { isDiscordLocale } from './control-input.js';
import { formField } from './oauth-token.js';
import type { EmulatorState } from './state.js';
import type { AddUserInput, PrimaryGuild } from './types.js';

export interface AuthorizeOptions extends AppIdentity {
  applicationName: string;
  guilds: KnownGuild[];
  issuer: string;
}

const deniedDescription = 'The resource owner or authorization server denied the request';

/** 302 to the registered redirect URI with the given query, in order; undefined values are left out. */
function redirectBack(
  reply: FastifyReply,
  params: AuthorizeParams,
  query: [string, string | undefined][],
): FastifyReply {
  const url = new URL(params.redirectUri);
  for (const [name, value] of query) if (value !== undefined) url.searchParams.set(name, value);
  return reply.redirect(url.toString(), 302);
}

/** The primary_guild the form asks for: `guild` is a guild id, other, keep, null or missing. */
function primaryGuildFrom(
  body: unknown,
  current: PrimaryGuild | null | undefined,
  guilds: KnownGuild[],
): PrimaryGuild | null | undefined | string {
  const choice = formField(body, 'guild') ?? 'keep';
  if (choice === 'keep') return current;
  if (choice === 'missing') return undefined;
  if (choice === 'null') return null;
  const guildId = (choice === 'other' ? (formField(body, 'other_guild_id') ?? '') : choice).trim();
  if (!/^\d{17,20}$/.test(guildId)) return `The guild id must be a snowflake (17 to 20 digits), not "${guildId}".`;
  const defaultTag = guilds.find((g) => g.id === guildId)?.tag ?? null;
  const enabledText = formField(body, 'identity_enabled') ?? 'true';
  const enabled =
    enabledText === 'true' ? true : enabledText === 'false' ? false : enabledText === 'null' ? null : 'bad';
  if (enabled === 'bad') return 'identity_enabled must be true, false or null.';
  const tagText = (formField(body, 'tag') ?? '').trim();
  const tag = tagText === '' ? defaultTag : tagText === 'null' ? null : tagText;
  if (tag !== null && [...tag].length > 4) return 'A server tag has 1 to 4 characters.';
  return { identity_guild_id: guildId, identity_enabled: enabled, tag, badge: tag === null ? null : randomHex() };
}

/** The user (new or existing) the form describes, or a problem to show. */
function userFrom(body: unknown, state: EmulatorState, guilds: KnownGuild[]): AddUserInput | string {
  const member = formField(body, 'member') ?? 'new';
  const existing = member === 'new' ? undefined : state.getUser(member);
  let input: AddUserInput;
  if (member === 'new') {
    const username = (formField(body, 'username') ?? '').trim();
    if (!/^[a-z0-9_.]{2,32}$/.test(username)) {
      return 'A new member needs a username of 2 to 32 characters (lower-case letters, digits, _ and .).';
    }
    const globalName = (formField(body, 'global_name') ?? '').trim();
    input = { username, global_name: globalName === '' ? null : globalName };
  } else {
    if (!existing) return `Unknown member ${member}.`;
    input = { ...existing };
  }
  const locale = formField(body, 'locale') ?? 'keep';
  if (locale !== 'keep') {
    if (!isDiscordLocale(locale)) return `"${locale}" is not one of Discord’s locale codes.`;
    input.locale = locale;
  }
  const guild = primaryGuildFrom(body, existing?.primary_guild, guilds);
  if (typeof guild === 'string') return guild;
  if (guild === undefined) delete input.primary_guild;
  else input.primary_guild = guild;
  return input;
}

export function registerAuthorizeRoutes(app: FastifyInstance, state: EmulatorState, options: AuthorizeOptions): void {
  const showPage = async (request: { query: unknown }, reply: FastifyReply): Promise<FastifyReply> => {
    const checked = checkAuthorizeParams(request.query, options);
    reply.type('text/html; charset=utf-8');
    if (!checked.ok) return reply.code(400).send(errorPage(checked.problem));
    return reply.send(consentPage(options.applicationName, checked.params, state.listUsers(), options.guilds));
  };
  for (const path of ['/oauth2/authorize', '/api/oauth2/authorize', '/api/v10/oauth2/authorize'])
    app.get(path, showPage);

  app.post('/oauth2/authorize', async (request, reply) => {
    const checked = checkAuthorizeParams(request.body, options);
    const fail = (problem: string): FastifyReply =>
      reply.code(400).type('text/html; charset=utf-8').send(errorPage(problem));
    if (!checked.ok) return fail(checked.problem);
    const decision = formField(request.body, 'decision');
    if (decision === 'cancel') {
      return redirectBack(reply, checked.params, [
        ['error', 'access_denied'],
        ['error_description', deniedDescription],
        ['state', checked.params.state],
      ]);
    }
    if (decision !== 'authorize') return fail('The form must be submitted with Authorize or Cancel.');
    const input = userFrom(request.body, state, options.guilds);
    if (typeof input === 'string') return fail(input);
    const user = state.addUser(input);
    const code = state.authorize({
      userId: user.id,
      scopes: checked.params.scopes,
      redirectUri: checked.params.redirectUri,
    });
    return redirectBack(reply, checked.params, [
      ['code', code],
      ['state', checked.params.state],
      ['iss', options.issuer],
    ]);
  });
}
