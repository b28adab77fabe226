// POST /oauth2/token and /oauth2/token/revoke: form-encoded only, client auth, single-use codes, rotating refresh tokens.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { noteUser, parseAuth } from './api-hooks.js';
import type { TokenSet } from './grants.js';
import { mediaType, oauthError } from './replies.js';
import type { EmulatorState } from './state.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Form fields as single strings; repeated or missing fields read as undefined. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** HTTP Basic or client_id + client_secret in the form, as the OAuth2 docs allow. */
function clientAuthenticated(request: FastifyRequest, client: ClientCredentials): boolean {
  const { auth, credential } = parseAuth(request.headers.authorization);
  if (auth === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return same(decoded.slice(0, colon), client.clientId) && same(decoded.slice(colon + 1), client.clientSecret);
  }
  const id = formField(request.body, 'client_id');
  const secret = formField(request.body, 'client_secret');
  return id !== undefined && secret !== undefined && same(id, client.clientId) && same(secret, client.clientSecret);
}

function sendTokens(reply: FastifyReply, tokens: TokenSet): FastifyReply {
  reply.header('cache-control', 'no-store');
  return reply.code(200).send({
    access_token: tokens.accessToken,
    token_type: 'Bearer',
    expires_in: tokens.expiresIn,
    refresh_token: tokens.refreshToken,
    scope: tokens.scopes.join(' '),
  });
}

const isForm = (request: FastifyRequest): boolean =>
  mediaType(request.headers['content-type']) === 'application/x-www-form-urlencoded';

export function registerTokenRoutes(app: FastifyInstance, state: EmulatorState, client: ClientCredentials): void {
  app.post('/api/v10/oauth2/token', async (request, reply) => {
    if (!isForm(request)) return oauthError(reply, 400, 'unsupported_grant_type');
    if (!clientAuthenticated(request, client)) return oauthError(reply, 401, 'invalid_client');
    const body = request.body;
    const grantType = formField(body, 'grant_type');

    if (grantType === 'authorization_code') {
      const result = state.grants.exchangeCode(formField(body, 'code') ?? '', formField(body, 'redirect_uri'));
      if (!result.ok) {
        const what = result.problem === 'code' ? 'Invalid "code" in request.' : 'Invalid "redirect_uri" in request.';
        return oauthError(reply, 400, 'invalid_grant', what);
      }
      noteUser(request, result.grant.userId);
      return sendTokens(reply, result.tokens);
    }

    if (grantType === 'refresh_token') {
      const token = formField(body, 'refresh_token');
      const result = token === undefined ? undefined : state.grants.refreshGrant(token);
      if (!result) return oauthError(reply, 400, 'invalid_grant', 'Invalid "refresh_token" in request');
      noteUser(request, result.grant.userId);
      return sendTokens(reply, result.tokens);
    }

    return oauthError(reply, 400, 'unsupported_grant_type');
  });

  app.post('/api/v10/oauth2/token/revoke', async (request, reply) => {
    // Without a form body there is no `token` field to read.
    if (!isForm(request)) return oauthError(reply, 400, 'invalid_request');
    if (!clientAuthenticated(request, client)) return oauthError(reply, 401, 'invalid_client');
    const token = formField(request.body, 'token');
    if (!token) return oauthError(reply, 400, 'invalid_request');
    // Any token revokes its whole grant; unknown tokens still get 200 (RFC 7009 §2.2).
    const live = state.grants.find(token)?.revoked === false;
    const grant = state.grants.revokeToken(token);
    if (grant) noteUser(request, grant.userId);
    // Like Discord, tell the Webhook Events URL (in the background) that the user deauthorized the app.
    if (grant && live) state.events.notify('APPLICATION_DEAUTHORIZED', grant.userId);
    return reply.code(200).send({});
  });
}
