// Which language a member page is in: the member's Discord locale once /users/@me has told us, before
// that (or when it never comes) the browser's Accept-Language, and en-US when neither matches.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOfMember } from '../i18n/locales.js';
import { translator, type Translator } from '../i18n/translate.js';

const memberLocales = new WeakMap<FastifyRequest, string>();

/** Records the locale Discord gave for the member this request verifies, for its page or error page. */
export function rememberMemberLocale(request: FastifyRequest, locale: string | undefined): void {
  if (locale) memberLocales.set(request, locale);
}

/** The translator for this request's page; says which language it chose in the reply's headers. */
export function pageTranslator(request: FastifyRequest, reply: FastifyReply): Translator {
  const tr = translator(localeOfMember(memberLocales.get(request), request.headers['accept-language']));
  // Caches must not hand one member's language to another browser.
  reply.header('content-language', tr.locale).header('vary', 'Accept-Language');
  return tr;
}
