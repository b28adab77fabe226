// The emulated consent screen: shows the app and scopes and lets the person running a demo or test pick who they are.
import { Locale } from 'discord-api-types/v10';
import type { AuthorizeParams } from './authorize-params.js';
import { esc, option, page } from './html.js';
import type { EmulatedUser } from './types.js';

export interface KnownGuild {
  id: string;
  name: string;
  tag: string;
}

const scopeText: Record<string, string> = {
  identify: 'Access your username, avatar, and banner',
  'role_connections.write': 'Update your connection and metadata for this app',
  email: 'Access your email address',
  guilds: 'Know what servers you are in',
  bot: 'Add a bot to a server',
  'applications.commands': 'Create commands',
};

function describeGuild(user: EmulatedUser): string {
  const g = user.primary_guild;
  if (g === undefined) return 'primary_guild missing';
  if (g === null) return 'no primary guild';
  return `tag ${g.tag ?? 'null'} of ${g.identity_guild_id ?? 'null'}, identity_enabled ${String(g.identity_enabled)}`;
}

export function consentPage(
  appName: string,
  params: AuthorizeParams,
  users: EmulatedUser[],
  guilds: KnownGuild[],
): string {
  const hidden = Object.entries(params.fields)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('\n');
  const scopes = params.scopes.map((s) => `<li><code>${esc(s)}</code>: ${esc(scopeText[s] ?? s)}</li>`).join('');
  const members = [
    ...users.map((u) =>
      option(u.id, `${u.global_name ?? u.username} (@${u.username}, ${u.id}, ${u.locale}; ${describeGuild(u)})`),
    ),
    option('new', 'A new member (username below)', users.length === 0),
  ].join('');
  const guildChoices = [
    ...guilds.map((g, i) => option(g.id, `${g.name}: tag [${g.tag}] (${g.id})`, i === 0)),
    option('other', 'Another guild (id below)'),
    option('keep', "Keep the member's current value", guilds.length === 0),
    option('null', 'No primary guild (primary_guild: null)'),
    option('missing', 'Field missing (no primary_guild key)'),
  ].join('');
  // Discord's own locale codes, by their names in discord-api-types (e.g. German → de).
  const locales = [
    option('keep', "The member's current locale (en-US for a new member)", true),
    ...Object.entries(Locale).map(([name, code]) => option(code, `${code} (${name})`)),
  ].join('');

  return page(
    `Authorize ${appName}`,
    `<h1>${esc(appName)}</h1>
<p>wants to access your Discord account (emulated). Redirects to <code>${esc(params.redirectUri)}</code>.</p>
<p>This will allow the developer to:</p><ul>${scopes}</ul>
<form method="post" action="/oauth2/authorize">
${hidden}
<fieldset><legend>Who is signing in</legend>
<label>Member <select name="member">${members}</select></label>
<label>New member username <input name="username" maxlength="32" autocomplete="off"></label>
<label>New member display name <input name="global_name" maxlength="32" autocomplete="off"></label>
<label>Client language (locale on /users/@me) <select name="locale">${locales}</select></label>
</fieldset>
<fieldset><legend>Server tag the member presents (primary_guild)</legend>
<label>Primary guild <select name="guild">${guildChoices}</select></label>
<label>Other guild id <input name="other_guild_id" inputmode="numeric" autocomplete="off"></label>
<label>identity_enabled <select name="identity_enabled">${option('true', 'true (tag shown)', true)}${option('false', 'false (removed by the member)')}${option('null', 'null (cleared by Discord)')}</select></label>
<label>Tag <input name="tag" maxlength="4" autocomplete="off"></label>
<p class="note">Empty tag: the guild's tag (null for another guild). Type <code>null</code> for a null tag.</p>
</fieldset>
<button name="decision" value="authorize">Authorize</button>
<button name="decision" value="cancel">Cancel</button>
</form>`,
  );
}
