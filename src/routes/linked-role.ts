// The two routes a member's browser visits: the verification URL that sends them to Discord, and the
// OAuth2 redirect URI that Discord sends them back to.
import { randomBytes } from '../crypto/random-bytes.js';
import formBody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { DiscordClient } from '../discord/client.js';
import type { Metrics } from '../observability/metrics.js';
import { PageError } from '../views/error-view.js';
import { forgetMember } from '../members/forget-member.js';
import { verifyMember, type VerificationDeps } from '../members/verify-member.js';
import { cancelledPage, disconnectedPage, resultPage } from '../views/pages.js';
import { sameText } from '../crypto/same-text.js';
import { logMs, noteForLog, recordDiscordCall } from '../observability/request-log.js';
import { memberCookieOptions, MemberSessions } from './member-session.js';
import { pageErrorHandler } from './error-handlers.js';
import { pageTranslator, rememberMemberLocale } from './page-language.js';
import { SeenOnce } from './seen-once.js';
import type { TextKey } from '../i18n/catalog.js';
import type { Message } from '../i18n/translate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks the route whose failures count as failed verifications. */
    verification?: boolean;
  }
}

export const STATE_COOKIE = 'linked_role_state';
export const STATE_TTL_MS = 10 * 60_000;
const DISCORD_ISSUER = 'https://discord.com';

export interface LinkedRoleOptions extends VerificationDeps {
  config: VerificationDeps['config'] & {
    publicUrl: string;
    verifyUrl: string;
    discordAuthorizeUrl: string;
    cookieSecret: string;
  };
  discord: DiscordClient;
  metrics: Metrics;
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

const badState = (message: Message | TextKey) => new PageError(400, 'error.badState.title', message, 'bad-state');

export const linkedRoleRoutes: FastifyPluginAsync<LinkedRoleOptions> = async (app, deps) => {
  const { config, discord, clock, metrics } = deps;
  const { verifyUrl } = config;
  const disconnectUrl = `${verifyUrl}/disconnect`;
  const publicOrigin = new URL(config.publicUrl).origin;
  const cookieOptions = memberCookieOptions(verifyUrl);
  const sessions = new MemberSessions(config.cookieSecret, verifyUrl, clock);
  const usedStates = new SeenOnce(STATE_TTL_MS);
  await app.register(formBody, { bodyLimit: 4096 });
  app.setErrorHandler(
    pageErrorHandler(verifyUrl, (view, request) => {
      if (request.routeOptions.config.verification) metrics.verificationsFailed.inc({ reason: view.reason });
    }),
  );
  const issuers = new Set([DISCORD_ISSUER, new URL(config.discordAuthorizeUrl).origin]);

  const clearState = (reply: FastifyReply) => reply.clearCookie(STATE_COOKIE, cookieOptions);

  app.get('/linked-role', async (_request, reply) => {
    const state = randomBytes(32).toString('base64url');
    metrics.verificationsStarted.inc();
    return reply
      .setCookie(STATE_COOKIE, `${state}.${clock()}`, { ...cookieOptions, maxAge: STATE_TTL_MS / 1000 })
      .header('cache-control', 'no-store')
      .redirect(discord.authorizeUrl(state), 302);
  });

  app.get<{ Querystring: CallbackQuery }>(
    '/linked-role/callback',
    { schema: callbackSchema, config: { verification: true } },
    async (request, reply) => {
      // The state cookie is single-use: cleared whatever happens next.
      clearState(reply).header('cache-control', 'no-store');
      const query = request.query;
      const raw = request.cookies[STATE_COOKIE];
      const cookie = raw === undefined ? null : request.unsignCookie(raw);
      if (!cookie?.valid || cookie.value === null) {
        throw badState('error.badState.noSignIn');
      }
      const [expected = '', issuedAt = ''] = cookie.value.split('.');
      if (!query.state) throw badState('error.badState.noState');
      if (!sameText(query.state, expected)) throw badState('error.badState.mismatch');
      const age = clock() - Number(issuedAt);
      // A date ahead of our clock was not written by us as it is (only ever a tampered or replayed cookie).
      if (!(age >= 0)) throw badState('error.badState.future');
      if (!(age <= STATE_TTL_MS)) {
        throw badState({ key: 'error.badState.expired', count: STATE_TTL_MS / 60_000 });
      }
      if (query.iss !== undefined && !issuers.has(query.iss)) throw badState('error.badState.notDiscord');
      if (!usedStates.firstTime(expected, clock())) throw badState('error.badState.used');
      if (query.error === 'access_denied') {
        metrics.verificationsFailed.inc({ reason: 'cancelled' });
        return reply.type('text/html; charset=utf-8').send(cancelledPage(pageTranslator(request, reply), verifyUrl));
      }
      if (query.error !== undefined) {
        throw new PageError(
          400,
          'error.discordError.title',
          { key: 'error.discordError.text', params: { error: query.error } },
          'discord-error',
        );
      }
      if (!query.code) throw badState('error.badState.noCode');

      // Every Discord call of this verification is logged with the request (its one line), and all of them,
      // rate-limit waits included, share one deadline: the member is told rather than kept waiting.
      const traced = discord
        .observedBy(({ method, route, status, waitedMs }) =>
          recordDiscordCall(request, { method, route, status, ...(waitedMs === null ? {} : { ms: logMs(waitedMs) }) }),
        )
        .withDeadline();
      const { user, connection } = await verifyMember(
        {
          ...deps,
          discord: traced,
          onUser: (member) => rememberMemberLocale(request, member.locale),
          onUnrecordedPush: (error) =>
            request.log.warn(
              { err: error },
              'what Discord accepted was not recorded; the next refresh pushes it again',
            ),
        },
        query.code,
      ).finally(() => traced.release());
      noteForLog(request, { outcome: 'verified', userId: user.id, tag: connection.observation.status });
      metrics.verificationsCompleted.inc({ tag: connection.observation.status });
      const csrf = sessions.start(reply, user.id);
      return reply.type('text/html; charset=utf-8').send(
        resultPage(pageTranslator(request, reply), {
          connection,
          displayName: user.global_name ?? user.username,
          verifyUrl,
          disconnect: { action: disconnectUrl, csrf },
        }),
      );
    },
  );

  app.post<{ Body: { csrf?: string } }>(
    '/linked-role/disconnect',
    { schema: { body: { type: 'object', properties: { csrf: { type: 'string', maxLength: 200 } } } } },
    async (request, reply) => {
      const origin = request.headers.origin;
      const userId = sessions.check(request, request.body?.csrf);
      if (!userId || (origin !== undefined && origin !== publicOrigin)) {
        throw new PageError(403, 'error.csrf.title', 'error.csrf.text', 'csrf');
      }
      const bounded = discord.withDeadline();
      await forgetMember({ ...deps, discord: bounded }, userId).finally(() => bounded.release());
      sessions.end(reply);
      noteForLog(request, { outcome: 'disconnected', userId });
      return reply.type('text/html; charset=utf-8').send(disconnectedPage(pageTranslator(request, reply), verifyUrl));
    },
  );
};
