// The short session a member gets after verifying, so the result page can offer Disconnect, and the
// CSRF token that proves a disconnect request came from that page.
import { createHmac } from 'node:crypto';
import { randomBytes } from '../crypto/random-bytes.js';
import { sameText } from '../crypto/same-text.js';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'linked_role_session';
export const SESSION_TTL_MS = 60 * 60_000;

/** Cookie settings for everything below the verification URL (PUBLIC_URL/linked-role). */
export function memberCookieOptions(verifyUrl: string): CookieSerializeOptions {
  const base = new URL(verifyUrl);
  return {
    path: base.pathname,
    httpOnly: true,
    sameSite: 'lax',
    secure: base.protocol === 'https:',
    signed: true,
  };
}

export class MemberSessions {
  private readonly cookie: CookieSerializeOptions;

  constructor(
    private readonly secret: string,
    verifyUrl: string,
    private readonly clock: () => number,
  ) {
    // Strict: the disconnect form posts from our own page, never from another site.
    this.cookie = { ...memberCookieOptions(verifyUrl), sameSite: 'strict' };
  }

  /** Starts a session for `userId` and returns the CSRF token for its forms. */
  start(reply: FastifyReply, userId: string): string {
    const nonce = randomBytes(16).toString('base64url');
    reply.setCookie(SESSION_COOKIE, `${userId}.${nonce}.${this.clock()}`, {
      ...this.cookie,
      maxAge: SESSION_TTL_MS / 1000,
    });
    return this.csrfFor(nonce);
  }

  /** The member of a valid, fresh session whose CSRF token matches; null otherwise. */
  check(request: FastifyRequest, csrf: string | undefined): string | null {
    const raw = request.cookies[SESSION_COOKIE];
    const cookie = raw === undefined ? null : request.unsignCookie(raw);
    if (!cookie?.valid || cookie.value === null || !csrf) return null;
    const [userId = '', nonce = '', issuedAt = ''] = cookie.value.split('.');
    if (!(this.clock() - Number(issuedAt) <= SESSION_TTL_MS)) return null;
    return sameText(csrf, this.csrfFor(nonce)) ? userId : null;
  }

  end(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, this.cookie);
  }

  private csrfFor(nonce: string): string {
    return createHmac('sha256', this.secret).update(`disconnect:${nonce}`).digest('base64url');
  }
}
