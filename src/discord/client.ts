// Every call we make to Discord, in one typed module over @discordjs/rest, with errors translated to
// our own types (see errors.ts).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  makeURLSearchParams,
  REST,
  RequestMethod,
  RESTEvents,
  type RateLimitData,
  type RequestData,
} from '@discordjs/rest';
import {
  Routes,
  type APIApplicationRoleConnectionMetadata,
  type RESTGetAPIApplicationRoleConnectionMetadataResult,
  type RESTGetAPIGuildMembersResult,
  type RESTGetAPIGuildResult,
  type RESTGetCurrentApplicationResult,
  type RESTPatchCurrentApplicationJSONBody,
  type RESTPatchCurrentApplicationResult,
  type RESTPostOAuth2AccessTokenResult,
  type RESTPutAPIApplicationRoleConnectionMetadataResult,
} from 'discord-api-types/v10';
import type { Clock } from '../time/clock.js';
import type { Config } from '../config.js';
import {
  DiscordRequestError,
  DiscordUnavailableError,
  InvalidGrantError,
  RateLimitedError,
  translateError,
  type Credential,
} from './errors.js';
import { Deadline } from './deadline.js';
import { requester, type TimedResponse } from './http.js';
import { MemberApi } from './member-api.js';
import { OAuthGate } from './oauth-gate.js';

export const SCOPES = ['identify', 'role_connections.write'] as const;

export interface DiscordClientOptions {
  clientId: string;
  clientSecret: string;
  botToken?: string | undefined;
  /** API base without version; /v10 is always added. */
  apiUrl: string;
  authorizeUrl: string;
  redirectUri: string;
  clock: Clock;
  timeoutMs?: number;
  /** Extra attempts after a 5xx, timeout or reset connection. */
  retries?: number;
  /** A rate limit that would make us wait longer than this throws RateLimitedError instead. */
  maxRateLimitWaitMs?: number;
  /** The whole budget of one member's request, waits included (see withDeadline); default 12 s. */
  deadlineMs?: number;
  /** Set by withDeadline: no call waits or runs past it, and what still runs then is aborted. */
  deadline?: Deadline | undefined;
  /** Told each time a rate limit makes us wait. */
  onRateLimit?: (info: RateLimitData) => void;
  /** Told of every HTTP answer, retries and 429s included (for counting calls and invalid requests). */
  onResponse?: (info: ResponseInfo) => void;
  /** Shared by every client derived from this one (made when not given). */
  oauthGate?: OAuthGate;
}

export interface ResponseInfo {
  method: string;
  /** The rate-limit route, ids replaced, e.g. /users/@me */
  route: string;
  status: number;
  /** X-RateLimit-Scope of a 429: user, global or shared. */
  scope: string | null;
  global: boolean;
  /** Retry-After of a 429, in ms. */
  retryAfterMs: number | null;
  /** How long we waited for the answer's headers once the request was sent (Discord's part, not ours). */
  waitedMs: number | null;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  scopes: string[];
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
/** What @discordjs/rest adds to every rate-limit wait (its default), against clock skew. */
const REST_OFFSET_MS = 50;

export class DiscordClient {
  readonly clientId: string;
  private botRestInstance: REST | undefined;
  private authorizePrefix: string | undefined;

  private readonly options: DiscordClientOptions & { oauthGate: OAuthGate };

  constructor(options: DiscordClientOptions) {
    this.options = { ...options, oauthGate: options.oauthGate ?? new OAuthGate() };
    this.clientId = options.clientId;
  }

  /** The same client, also telling `onResponse` of every answer (e.g. to log with a request's id). */
  observedBy(onResponse: (info: ResponseInfo) => void): DiscordClient {
    const previous = this.options.onResponse;
    return new DiscordClient({
      ...this.options,
      onResponse: (info) => {
        previous?.(info);
        onResponse(info);
      },
    });
  }

  /**
   * The same client under one overall deadline (`deadlineMs` from now): a rate-limit wait that would
   * end after it throws RateLimitedError at once, and a call still running then is aborted. Its
   * user calls release() once those calls are over.
   */
  withDeadline(): DiscordClient {
    // One deadline for all of the member's calls (a controller and a timer per call cost 2% of a
    // verification); release() must end it, or its timer would keep every call's listener alive.
    return new DiscordClient({ ...this.options, deadline: new Deadline(this.options.deadlineMs ?? 12_000) });
  }

  /** Ends the deadline of withDeadline() once its calls are over; a no-op without one. */
  release(): void {
    this.options.deadline?.release();
  }

  /** Where to send a member's browser; `state` binds the answer to that browser. */
  authorizeUrl(state: string): string {
    this.authorizePrefix ??= authorizePrefix(this.options);
    return `${this.authorizePrefix}${encodeURIComponent(state)}`;
  }

  exchangeCode(code: string): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: this.options.redirectUri });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Revokes the whole authorization the token belongs to. */
  async revoke(token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    // A clean-up: never cut short by a request's deadline.
    const unbounded =
      this.options.deadline === undefined ? this : new DiscordClient({ ...this.options, deadline: undefined });
    try {
      await unbounded.oauthTurn(Routes.oauth2TokenRevocation());
      const res = await unbounded.oauthRest(Routes.oauth2TokenRevocation()).queueRequest({
        fullRoute: Routes.oauth2TokenRevocation(),
        method: RequestMethod.Post,
        body: makeURLSearchParams({ token, token_type_hint: hint }),
        passThroughBody: true,
        auth: false,
        headers: { ...FORM, Authorization: `Basic ${basic}` },
      });
      // Discord documents no body for a successful revoke (RFC 7009 has none): it is not parsed, so
      // an empty one sent as JSON is no failure.
      await res.arrayBuffer();
    } catch (error) {
      throw translateError(error, 'client');
    }
  }

  /**
   * Checks DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET without touching any grant by revoking a token
   * Discord never issued: wrong credentials get invalid_client (MisconfiguredError). Right ones get
   * 200 by RFC 7009 §2.2; Discord does not document that answer, so an OAuth refusal of the token
   * itself (400 invalid_request, invalid_grant, ...) also means the client was accepted.
   */
  async checkClientCredentials(): Promise<void> {
    try {
      await this.revoke(`never-issued-${randomBytes(16).toString('hex')}`, 'access_token');
    } catch (error) {
      const tokenRefused =
        error instanceof InvalidGrantError ||
        (error instanceof DiscordRequestError && error.status === 400 && typeof error.code === 'string');
      if (!tokenRefused) throw error;
    }
  }

  /** Calls made with one member's access token; each member gets its own rate-limit buckets. */
  asMember(accessToken: string): MemberApi {
    return new MemberApi(
      (rest, method, route, data, credential) => this.call(rest, method, route, data, credential),
      this.newRest({ authPrefix: 'Bearer' }).setToken(accessToken),
      this.options.clientId,
    );
  }

  /** The application of the bot token (`GET /applications/@me`). */
  async getApplication(): Promise<RESTGetCurrentApplicationResult> {
    return (await this.call(this.bot(), 'get', Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  }

  async patchApplication(body: RESTPatchCurrentApplicationJSONBody): Promise<RESTPatchCurrentApplicationResult> {
    return (await this.call(this.bot(), 'patch', Routes.currentApplication(), {
      body,
    })) as RESTPatchCurrentApplicationResult;
  }

  /** 200 when the bot is in that server; 403/404 otherwise. */
  async getGuild(guildId: string): Promise<RESTGetAPIGuildResult> {
    return (await this.call(this.bot(), 'get', Routes.guild(guildId))) as RESTGetAPIGuildResult;
  }

  async getMetadataSchema(): Promise<RESTGetAPIApplicationRoleConnectionMetadataResult> {
    return (await this.call(
      this.bot(),
      'get',
      Routes.applicationRoleConnectionMetadata(this.options.clientId),
    )) as RESTGetAPIApplicationRoleConnectionMetadataResult;
  }

  async putMetadataSchema(
    records: readonly APIApplicationRoleConnectionMetadata[],
  ): Promise<RESTPutAPIApplicationRoleConnectionMetadataResult> {
    return (await this.call(this.bot(), 'put', Routes.applicationRoleConnectionMetadata(this.options.clientId), {
      body: records,
    })) as RESTPutAPIApplicationRoleConnectionMetadataResult;
  }

  /**
   * One page of a server's members, ascending by user id, each with its full user object
   * (`primary_guild` included). Needs the Server Members intent: 403 code 50001 without it, as
   * to a bot outside the server.
   */
  async listGuildMembers(guildId: string, after: string, limit = 1000): Promise<RESTGetAPIGuildMembersResult> {
    return (await this.call(this.bot(), 'get', Routes.guildMembers(guildId), {
      query: makeURLSearchParams({ limit, after }),
    })) as RESTGetAPIGuildMembersResult;
  }

  /** The bot's REST instance, for the gateway client's GET /gateway/bot. */
  botRest(): REST {
    return this.bot();
  }

  /** @internal Runs one request and translates its failure; `credential` says whose a 401 is. */
  async call(
    rest: REST,
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    route: `/${string}`,
    data?: RequestData,
    credential: Credential = 'application',
  ) {
    try {
      // The deadline is applied by the REST instance's requester (newRest), not by a signal here.
      return await rest[method](route, data);
    } catch (error) {
      throw translateError(error, credential);
    }
  }

  /**
   * Spends a code or a refresh token. Retried only after a 5xx, never after a timeout or a dropped
   * connection: then Discord has most likely spent it already, and a second try would fail as if the
   * member had gone. A 5xx can come after the act too, so a refusal after one says so.
   */
  private async tokenRequest(params: Record<string, string>): Promise<TokenSet> {
    const body = makeURLSearchParams({
      ...params,
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    const rest = this.oauthRest(Routes.oauth2TokenExchange(), 0);
    let failedTry = false;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.oauthTurn(Routes.oauth2TokenExchange());
        return this.tokenSet(
          (await this.call(
            rest,
            'post',
            Routes.oauth2TokenExchange(),
            {
              body,
              passThroughBody: true,
              auth: false,
              headers: FORM,
            },
            'client',
          )) as Partial<RESTPostOAuth2AccessTokenResult> | null,
        );
      } catch (error) {
        if (error instanceof InvalidGrantError) error.afterFailedTry = failedTry;
        const answered = error instanceof DiscordUnavailableError && error.reason === 'server' && error.status !== 200;
        if (!answered || attempt >= (this.options.retries ?? 2)) throw error;
        failedTry = true;
      }
    }
  }

  private tokenSet(result: Partial<RESTPostOAuth2AccessTokenResult> | null): TokenSet {
    if (
      typeof result?.access_token !== 'string' ||
      typeof result.refresh_token !== 'string' ||
      typeof result.expires_in !== 'number'
    ) {
      throw new DiscordUnavailableError('server', 200);
    }
    return {
      accessToken: result.access_token,
      refreshToken: result.refresh_token,
      expiresAt: this.options.clock() + result.expires_in * 1000,
      scopes: (result.scope ?? '').split(' ').filter(Boolean),
    };
  }

  /** A REST instance for one OAuth call of `route`, telling the shared gate of each answer's limits. */
  private oauthRest(route: string, retries?: number): REST {
    const rest = this.newRest(retries === undefined ? {} : { retries });
    const gate = this.options.oauthGate;
    rest.on(RESTEvents.Response, (_request, response) => gate.note(route, response.status, response.headers));
    return rest;
  }

  /**
   * Waits while a limit Discord announced on an OAuth call is running, as @discordjs/rest waits
   * within one instance; one longer than we wait, or past the deadline, refuses the call unsent.
   */
  private async oauthTurn(route: string): Promise<void> {
    const waitMs = this.options.oauthGate.waitMs(route);
    if (waitMs === 0) return;
    const maxWait = this.options.maxRateLimitWaitMs ?? 5_000;
    const deadline = this.options.deadline;
    if (waitMs > maxWait || (deadline !== undefined && performance.now() + waitMs > deadline.at)) {
      throw new RateLimitedError(waitMs, false);
    }
    await sleep(waitMs);
  }

  private bot(): REST {
    if (!this.options.botToken) throw new Error('DISCORD_BOT_TOKEN is required for this call');
    this.botRestInstance ??= this.newRest().setToken(this.options.botToken);
    return this.botRestInstance;
  }

  /**
   * A fresh REST instance: @discordjs/rest keys its queues by route, not token, so sharing one
   * instance would serialize every member's /users/@me calls behind each other.
   */
  private newRest(extra: { authPrefix?: 'Bearer' | 'Bot'; retries?: number } = {}): REST {
    const maxWait = this.options.maxRateLimitWaitMs ?? 5_000;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const rest = new REST({
      api: this.options.apiUrl,
      version: '10',
      timeout: timeoutMs,
      retries: this.options.retries ?? 2,
      hashSweepInterval: 0,
      handlerSweepInterval: 0,
      makeRequest: requester({ timeoutMs, deadline: this.options.deadline }),
      offset: REST_OFFSET_MS,
      // The library's figure adds its offset to Discord's ask, once on a 429 and twice when it then
      // waits out the emptied bucket; "up to 5 s" is about what Discord asked.
      rejectOnRateLimit: (data) =>
        data.retryAfter - 2 * REST_OFFSET_MS > maxWait ||
        (this.options.deadline !== undefined && performance.now() + data.retryAfter > this.options.deadline.at),
      ...extra,
    });
    const { onRateLimit, onResponse } = this.options;
    if (onRateLimit) rest.on(RESTEvents.RateLimited, onRateLimit);
    if (onResponse) {
      rest.on(RESTEvents.Response, (request, response) =>
        onResponse({
          method: request.method,
          route: request.route,
          status: response.status,
          scope: response.headers.get('x-ratelimit-scope'),
          global: response.headers.get('x-ratelimit-global') !== null,
          retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
          waitedMs: 'waitedMs' in response ? (response as TimedResponse).waitedMs : null,
        }),
      );
    }
    return rest;
  }
}

/** The authorize URL up to the value of `state`, its last parameter (the same for every member). */
function authorizePrefix(options: DiscordClientOptions): string {
  const url = new URL(options.authorizeUrl);
  url.hash = '';
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    scope: SCOPES.join(' '),
    redirect_uri: options.redirectUri,
    prompt: 'consent',
    state: '',
  })
    .toString()
    .replaceAll('+', '%20'); // URLSearchParams writes spaces as '+'; Discord documents %20.
  return url.href;
}

function retryAfterMs(header: string | null): number | null {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

/** The client for the configured Discord (or emulator). */
export function createDiscordClient(
  config: Config,
  clock: Clock,
  extra: Pick<
    DiscordClientOptions,
    'timeoutMs' | 'retries' | 'maxRateLimitWaitMs' | 'deadlineMs' | 'onRateLimit' | 'onResponse'
  > = {},
): DiscordClient {
  return new DiscordClient({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    botToken: config.botToken,
    apiUrl: config.discordApiUrl,
    authorizeUrl: config.discordAuthorizeUrl,
    redirectUri: config.redirectUri,
    clock,
    ...extra,
  });
}
