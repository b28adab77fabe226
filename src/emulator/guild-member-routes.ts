// Bot-token routes about servers' members and the gateway (README §10.1, §10.3): List Guild Members,
// Get Guild Member, GET /gateway/bot and GET /gateway.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_GUILD_MEMBERS, GATEWAY_GUILD_MEMBERS_LIMITED } from './application.js';
import { FormErrors } from './form-errors.js';
import { hasBotToken } from './guards.js';
import { discordError } from './replies.js';
import type { EmulatorState } from './state.js';

const MAX_SNOWFLAKE = (1n << 64n) - 1n;

/** `limit` 1–1000 (default 1) and `after` (default 0), or Discord's 50035 naming the bad one. */
function parseListQuery(query: unknown): { limit: number; after: bigint } | FormErrors {
  const q = (query ?? {}) as Record<string, unknown>;
  const errors = new FormErrors();
  let limit = 1;
  let after = 0n;
  if (q.limit !== undefined) {
    const text = q.limit;
    if (typeof text !== 'string' || !/^[+-]?\d{1,10}$/.test(text.trim())) {
      errors.add(['limit'], 'NUMBER_TYPE_COERCE', `Value "${String(text)}" is not int.`);
    } else {
      limit = Number(text);
      if (limit < 1) errors.add(['limit'], 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 1.');
      if (limit > 1000) errors.add(['limit'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 1000.');
    }
  }
  if (q.after !== undefined) {
    const text = q.after;
    if (typeof text === 'string' && /^\d{1,20}$/.test(text) && BigInt(text) <= MAX_SNOWFLAKE) after = BigInt(text);
    else errors.add(['after'], 'NUMBER_TYPE_COERCE', `Value "${String(text)}" is not snowflake.`);
  }
  return errors.empty ? { limit, after } : errors;
}

export function registerGuildMemberRoutes(app: FastifyInstance, state: EmulatorState, botToken: string): void {
  const isBot = (request: FastifyRequest, reply: FastifyReply) => hasBotToken(request, reply, botToken);
  /** The guild id when the bot is in that server; otherwise answers 403 50001 / 404 10004 as GET /guilds/:id does. */
  const botGuild = (request: FastifyRequest, reply: FastifyReply): string | undefined => {
    const { guildId } = request.params as { guildId: string };
    const lookup = state.app.guild(guildId);
    if (lookup.found === 'member') return guildId;
    if (lookup.found === 'no-access') discordError(reply, 403, 'Missing Access', RESTJSONErrorCodes.MissingAccess);
    else discordError(reply, 404, 'Unknown Guild', RESTJSONErrorCodes.UnknownGuild);
    return undefined;
  };

  app.get('/api/v10/guilds/:guildId/members', async (request, reply) => {
    if (!isBot(request, reply)) return reply;
    const guildId = botGuild(request, reply);
    if (guildId === undefined) return reply;
    // The Server Members intent switch (approved or limited) gates this route, whatever a gateway session asked.
    if ((state.application.flags & (GATEWAY_GUILD_MEMBERS | GATEWAY_GUILD_MEMBERS_LIMITED)) === 0) {
      return discordError(reply, 403, 'Missing Access', RESTJSONErrorCodes.MissingAccess);
    }
    const query = parseListQuery(request.query);
    if (query instanceof FormErrors) return reply.code(400).send(query.body());
    return reply.send(state.membership.page(guildId, query.after, query.limit));
  });

  app.get('/api/v10/guilds/:guildId/members/:userId', async (request, reply) => {
    if (!isBot(request, reply)) return reply;
    const guildId = botGuild(request, reply);
    if (guildId === undefined) return reply;
    const member = state.membership.member(guildId, (request.params as { userId: string }).userId);
    if (member) return reply.send(member);
    return discordError(reply, 404, 'Unknown Member', RESTJSONErrorCodes.UnknownMember);
  });

  const gatewayUrl = (request: FastifyRequest): string => `ws://${request.headers.host ?? 'localhost'}/gateway`;

  app.get('/api/v10/gateway/bot', async (request, reply) => {
    if (!isBot(request, reply)) return reply;
    return reply.send({
      url: gatewayUrl(request),
      shards: state.gateway.recommendedShards,
      session_start_limit: state.gateway.sessionStartLimit(),
    });
  });

  app.get('/api/v10/gateway', async (request, reply) => reply.send({ url: gatewayUrl(request) }));
}
