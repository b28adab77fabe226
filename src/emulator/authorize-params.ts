// Validation of the OAuth2 authorize query (README §1.1), shared by the consent page and its form post.
import { knownScopes } from './state.js';

export interface AuthorizeParams {
  redirectUri: string;
  scopes: string[];
  state?: string;
  /** The original parameters, carried through the consent form as hidden fields. */
  fields: Record<string, string>;
}

export interface AppIdentity {
  clientId: string;
  redirectUris: readonly string[];
}

type Result = { ok: true; params: AuthorizeParams } | { ok: false; problem: string };

export function checkAuthorizeParams(input: unknown, app: AppIdentity): Result {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const name of ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'prompt']) {
    const value = raw[name];
    if (Array.isArray(value)) return { ok: false, problem: `The "${name}" parameter was given more than once.` };
    if (typeof value === 'string') fields[name] = value;
  }
  const fail = (problem: string): Result => ({ ok: false, problem });

  if (fields.client_id === undefined) return fail('Missing "client_id" parameter.');
  if (fields.client_id !== app.clientId) return fail(`Unknown Application: client_id "${fields.client_id}".`);
  if (fields.redirect_uri === undefined) return fail('Missing "redirect_uri" parameter.');
  if (!app.redirectUris.includes(fields.redirect_uri)) {
    return fail(`Invalid OAuth2 redirect_uri: "${fields.redirect_uri}" is not registered for this application.`);
  }
  if (fields.response_type !== 'code') {
    return fail(`Unsupported response_type "${fields.response_type ?? ''}": only "code" is supported.`);
  }
  const scopes = (fields.scope ?? '').split(' ').filter((s) => s !== '');
  if (scopes.length === 0) return fail('Missing "scope" parameter.');
  const unknown = scopes.filter((s) => !knownScopes.includes(s));
  if (unknown.length > 0) return fail(`Invalid scope: ${unknown.join(', ')}.`);

  const params: AuthorizeParams = { redirectUri: fields.redirect_uri, scopes: [...new Set(scopes)], fields };
  if (fields.state !== undefined) params.state = fields.state;
  return { ok: true, params };
}
