// The emulator's home page: who exists, what tag they present and what role connection the service wrote for them.
import { esc, page } from './html.js';
import type { EmulatorState } from './state.js';
import type { EmulatedUser, RoleConnection } from './types.js';

function guildCell(user: EmulatedUser): string {
  const g = user.primary_guild;
  if (g === undefined) return '<em>field missing</em>';
  if (g === null) return '<em>null</em>';
  return esc(
    `${g.tag ?? 'null'} · guild ${g.identity_guild_id ?? 'null'} · identity_enabled ${String(g.identity_enabled)}`,
  );
}

function applicationSection(state: EmulatorState): string {
  const a = state.application;
  const row = (name: string, value: string): string =>
    `<tr><th>${esc(name)}</th><td><code>${esc(value)}</code></td></tr>`;
  const events =
    a.event_webhooks_status === 2 ? 'enabled' : a.event_webhooks_status === 3 ? 'disabled by Discord' : 'disabled';
  return `<h2>Application</h2>
<table>
${row('name / id', `${a.name} / ${a.id}`)}
${row('public key (DISCORD_PUBLIC_KEY)', a.verify_key)}
${row('redirect URIs', a.redirect_uris.join(' '))}
${row('verification URL', a.role_connections_verification_url ?? 'not set')}
${row('webhook events URL', `${a.event_webhooks_url ?? 'not set'} (${events}: ${a.event_webhooks_types.join(', ') || 'no types'})`)}
${row('bot servers', state.app.botGuildIds().join(', ') || 'none')}
</table>
<p class="note">${state.deliveries.length} webhook events sent: <a href="/_emulator/deliveries">/_emulator/deliveries</a>.</p>`;
}

function connectionCell(found: RoleConnection | undefined): string {
  if (!found) return '<em>none</em>';
  const who = `${found.platform_name ?? 'null'} / ${found.platform_username ?? 'null'}`;
  return `${esc(who)}<br><code>${esc(JSON.stringify(found.metadata))}</code>`;
}

export function indexPage(
  state: EmulatorState,
  connections: Record<string, RoleConnection>,
  authorizeUrl: string,
): string {
  const rows = state
    .listUsers()
    .map(
      (u) =>
        `<tr><td>${esc(u.id)}</td><td>${esc(u.username)}${u.global_name ? ` (${esc(u.global_name)})` : ''}</td>` +
        `<td>${guildCell(u)}</td><td>${connectionCell(connections[u.id])}</td></tr>`,
    )
    .join('\n');
  const schema = state.metadataSchema.map(
    (m) => `<li><code>${esc(m.key)}</code> (type ${m.type}): ${esc(m.name)}</li>`,
  );
  return page(
    'Discord API emulator',
    `<h1>Discord API emulator</h1>
<p>Serves the API under <code>/api/v10</code>. To link a member, start at the service's Linked Roles verification URL:
its redirect brings you to this emulator's consent page, where you pick or create the member and the server tag they wear.
(<a href="${esc(authorizeUrl)}">Preview the consent page</a>; it has no <code>state</code>, so the service would refuse that redirect.)</p>
${applicationSection(state)}
<h2>Members</h2>
${rows ? `<table><tr><th>id</th><th>username</th><th>primary guild</th><th>role connection</th></tr>\n${rows}</table>` : '<p>No members yet.</p>'}
<h2>Role connection metadata schema</h2>
${schema.length > 0 ? `<ul>${schema.join('')}</ul>` : '<p>Nothing registered yet.</p>'}
<p class="note">${state.calls.length} API calls, ${state.invalidRequests} invalid (401/403/429). JSON: <a href="/_emulator/state">/_emulator/state</a>.</p>`,
  );
}
