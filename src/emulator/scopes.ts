// The OAuth2 scopes the emulator knows, and the check the consent page, the control API and seeding share.
export const knownScopes: readonly string[] = [
  'identify',
  'role_connections.write',
  'email',
  'guilds',
  'bot',
  'applications.commands',
];

/** Throws, naming the problem, unless `scopes` is a non-empty list of known scopes. */
export function checkScopes(scopes: readonly string[]): void {
  if (scopes.length === 0) throw new Error('at least one scope is required');
  const unknown = scopes.filter((s) => !knownScopes.includes(s));
  if (unknown.length > 0) throw new Error(`unknown scope: ${unknown.join(' ')}`);
}
