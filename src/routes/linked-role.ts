// The two routes a member's browser visits: the verification URL that sends them to Discord, and the
// OAuth2 redirect URI that Discord sends them back to.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { PageError } from '../errors.js';
import { verifyMember, type VerificationDeps } from '../verification.js';
import { cancelledPage, resultPage } from '../views/pages.js';

export const STATE_COOKIE = 'linked_role_state';
export const STATE_TTL_MS = 10 * 60_000;
const DISCORD_ISSUER = 'https://discord.com';

export interface LinkedRoleOptions extends VerificationDeps {
  config: VerificationDeps['config'] & { publicUrl: string; discordAuthorizeUrl: string };
}

interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
  iss?: string;
}

const text = { type: 'string', maxLength: 2048 } as const;
const callbackSchema = {
  querystring: {
    type: 'object',
    properties: { code: text, state: text, error: text, error_description: text, iss: text },
  },
} as const;

const badState = (message: string) => new PageError(400, 'This sign-in cannot be completed', message);

export const linkedRoleRoutes: FastifyPluginAsync<LinkedRoleOptions> = async (app, deps) => {
  const { config, discord, clock } = deps;
  const base = new URL(config.publicUrl);
  const verifyUrl = `${config.publicUrl}/linked-role`;
  const cookieOptions: CookieSerializeOptions = {
    path: `${base.pathname.replace(/\/$/, '')}/linked-role`,
    httpOnly: true,
    sameSite: 'lax',
    secure: base.protocol === 'https:',
    signed: true,
  };
  const issuers = new Set([DISCORD_ISSUER, new URL(config.discordAuthorizeUrl).origin]);

  const clearState = (reply: FastifyReply) => reply.clearCookie(STATE_COOKIE, cookieOptions);

  app.get('/linked-role', async (_request, reply) => {
    const state = randomBytes(32).toString('base64url');
    reply
      .setCookie(STATE_COOKIE, `${state}.${clock()}`, { ...cookieOptions, maxAge: STATE_TTL_MS / 1000 })
      .header('cache-control', 'no-store')
      .redirect(discord.authorizeUrl(state), 302);
  });

  app.get<{ Querystring: CallbackQuery }>(
    '/linked-role/callback',
    { schema: callbackSchema },
    async (request, reply) => {
      // The state cookie is single-use: cleared whatever happens next.
      clearState(reply).header('cache-control', 'no-store');
      const query = request.query;
      const raw = request.cookies[STATE_COOKIE];
      const cookie = raw === undefined ? null : request.unsignCookie(raw);
      if (!cookie?.valid || cookie.value === null) {
        throw badState('This browser has no sign-in in progress (or it was already used). Please start again.');
      }
      const [expected = '', issuedAt = ''] = cookie.value.split('.');
      if (!query.state) throw badState('Discord sent you back without the sign-in state. Please start again.');
      if (!sameText(query.state, expected))
        throw badState('The sign-in state does not match this browser. Please start again.');
      if (!(clock() - Number(issuedAt) <= STATE_TTL_MS)) {
        throw badState('This sign-in took longer than 10 minutes and expired. Please start again.');
      }
      if (query.iss !== undefined && !issuers.has(query.iss)) {
        throw badState('The answer did not come from Discord. Please start again.');
      }
      if (query.error === 'access_denied') return reply.type('text/html; charset=utf-8').send(cancelledPage(verifyUrl));
      if (query.error !== undefined) {
        throw new PageError(
          400,
          'Discord could not sign you in',
          `Discord reported "${query.error}". Please start again.`,
        );
      }
      if (!query.code) throw badState('Discord sent you back without a sign-in code. Please start again.');

      const { user, connection } = await verifyMember(deps, query.code);
      request.log.info({ userId: user.id, tag: connection.observation.status }, 'member verified');
      return reply
        .type('text/html; charset=utf-8')
        .send(resultPage({ connection, displayName: user.global_name ?? user.username, verifyUrl }));
    },
  );
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
