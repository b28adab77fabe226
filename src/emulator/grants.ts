// OAuth2 bookkeeping: authorization codes, grants and their rotating tokens, with Discord's lifetimes.
import { randomToken } from './ids.js';

export interface Grant {
  userId: string;
  scopes: string[];
  refreshToken: string;
  revoked: boolean;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

interface Code {
  userId: string;
  scopes: string[];
  redirectUri: string;
  expiresAt: number;
  used: boolean;
  grant?: Grant;
}

export interface SeedEntry {
  userId: string;
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
}

interface AccessToken {
  grant: Grant;
  expiresAt: number;
}

export type CodeExchange =
  { ok: true; grant: Grant; tokens: TokenSet } | { ok: false; problem: 'code' | 'redirect_uri' };

export class GrantStore {
  private codes = new Map<string, Code>();
  private access = new Map<string, AccessToken>();
  private refresh = new Map<string, Grant>();
  private grants: Grant[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly codeTtlMs: number,
    private readonly accessTtlSeconds: number,
  ) {}

  issueCode(userId: string, scopes: string[], redirectUri: string): string {
    const now = this.clock();
    for (const [key, code] of this.codes) if (code.expiresAt <= now && !code.grant) this.codes.delete(key);
    const code = randomToken();
    this.codes.set(code, { userId, scopes: [...scopes], redirectUri, expiresAt: now + this.codeTtlMs, used: false });
    return code;
  }

  exchangeCode(value: string, redirectUri: string | undefined): CodeExchange {
    const code = this.codes.get(value);
    if (!code || code.expiresAt <= this.clock()) return { ok: false, problem: 'code' };
    if (code.used) {
      // A replayed code may be stolen: revoke what it produced, as RFC 6749 §4.1.2 suggests.
      if (code.grant) code.grant.revoked = true;
      return { ok: false, problem: 'code' };
    }
    if (redirectUri !== code.redirectUri) return { ok: false, problem: 'redirect_uri' };
    code.used = true;
    const grant: Grant = { userId: code.userId, scopes: code.scopes, refreshToken: '', revoked: false };
    this.grants.push(grant);
    code.grant = grant;
    return { ok: true, grant, tokens: this.issueTokens(grant) };
  }

  /**
   * Live grants with the given (or fresh) tokens, as if each user had authorized earlier: for seeding
   * thousands of members at once. All or nothing: a token already in use (or given twice) fails them all.
   */
  seed(entries: readonly SeedEntry[], scopes: string[], expiresIn = this.accessTtlSeconds): TokenSet[] {
    const wanted = entries.flatMap((e) => [e.accessToken, e.refreshToken]).filter((t) => t !== undefined);
    const seen = new Set<string>();
    for (const token of wanted) {
      if (seen.has(token) || this.find(token)) throw new Error('a seeded token is already in use');
      seen.add(token);
    }
    const expiresAt = this.clock() + expiresIn * 1000;
    return entries.map((entry) => {
      const accessToken = entry.accessToken ?? randomToken();
      const refreshToken = entry.refreshToken ?? randomToken();
      const grant: Grant = { userId: entry.userId, scopes: [...scopes], refreshToken, revoked: false };
      this.grants.push(grant);
      this.refresh.set(refreshToken, grant);
      this.access.set(accessToken, { grant, expiresAt });
      return { accessToken, refreshToken, expiresIn, scopes: [...scopes] };
    });
  }

  /** Rotates: the old refresh token dies, earlier access tokens live until they expire. */
  refreshGrant(refreshToken: string): { grant: Grant; tokens: TokenSet } | undefined {
    const grant = this.refresh.get(refreshToken);
    if (!grant || grant.revoked) return undefined;
    return { grant, tokens: this.issueTokens(grant) };
  }

  /** The grant behind an access or refresh token, revoked or not. */
  find(token: string): Grant | undefined {
    return this.refresh.get(token) ?? this.access.get(token)?.grant;
  }

  /**
   * Revokes the user's whole authorization of the application behind an access or refresh token:
   * every pair of every consent they gave since it was last revoked, as Discord does. Unknown
   * tokens, and tokens of an authorization already revoked, change nothing.
   */
  revokeToken(token: string): Grant | undefined {
    const grant = this.find(token);
    if (grant && !grant.revoked) this.revokeUser(grant.userId);
    return grant;
  }

  resolveAccess(token: string): { grant: Grant; valid: boolean } | undefined {
    const found = this.access.get(token);
    if (!found) return undefined;
    return { grant: found.grant, valid: !found.grant.revoked && this.clock() < found.expiresAt };
  }

  revokeUser(userId: string): number {
    const live = this.grants.filter((g) => g.userId === userId && !g.revoked);
    for (const grant of live) this.revokeGrant(grant);
    return live.length;
  }

  /** How many of the user's grants are not revoked (an orphaned grant stays live). */
  liveCount(userId: string): number {
    return this.grants.filter((g) => g.userId === userId && !g.revoked).length;
  }

  /** Scopes of the user's latest grant, preferring live ones. */
  scopesOf(userId: string): string[] | undefined {
    const mine = this.grants.filter((g) => g.userId === userId);
    const latest = mine.filter((g) => !g.revoked).at(-1) ?? mine.at(-1);
    return latest && [...latest.scopes];
  }

  expireUser(userId: string): number {
    const now = this.clock();
    let count = 0;
    for (const token of this.access.values()) {
      if (token.grant.userId === userId && token.expiresAt > now) {
        token.expiresAt = now;
        count += 1;
      }
    }
    return count;
  }

  clear(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.grants = [];
  }

  private revokeGrant(grant: Grant): void {
    grant.revoked = true;
    // Access tokens stay mapped (and fail on `revoked`) so calls made with them still name the user.
    this.refresh.delete(grant.refreshToken);
  }

  private issueTokens(grant: Grant): TokenSet {
    this.refresh.delete(grant.refreshToken);
    const accessToken = randomToken();
    const refreshToken = randomToken();
    grant.refreshToken = refreshToken;
    this.refresh.set(refreshToken, grant);
    this.access.set(accessToken, { grant, expiresAt: this.clock() + this.accessTtlSeconds * 1000 });
    return { accessToken, refreshToken, expiresIn: this.accessTtlSeconds, scopes: grant.scopes };
  }
}
