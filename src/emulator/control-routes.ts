// The /_emulator control API (JSON) and the index page, so tests, demos and benchmarks in other processes can drive the emulator.
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  isObject,
  parseAuthorizeInput,
  parseEventInput,
  parsePrimaryGuild,
  parseSeedInput,
  parseUserInput,
} from './control-input.js';
import { parseFault } from './faults.js';
import { indexPage } from './index-page.js';
import type { EmulatorState } from './state.js';
import type { RoleConnection } from './types.js';
import { UnreachableError } from './webhook-events.js';

const problem = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  reply.code(status).send({ message, code: 0 });

export function registerControlRoutes(app: FastifyInstance, state: EmulatorState, authorizeUrl: string): void {
  const connections = (): Record<string, RoleConnection> => {
    const all: Record<string, RoleConnection> = {};
    for (const user of state.listUsers()) {
      const found = state.getRoleConnection(user.id);
      if (found) all[user.id] = found;
    }
    return all;
  };

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(indexPage(state, connections(), authorizeUrl)),
  );

  app.get('/_emulator/state', async () => ({
    users: state.listUsers(),
    roleConnections: connections(),
    metadataSchema: state.metadataSchema,
    application: state.application,
    botGuildIds: state.app.botGuildIds(),
    guildMembers: state.membership.all(),
    gateway: state.gateway.stats(),
    faults: state.faults.list(),
    held: state.held.list(),
    calls: state.calls.length,
    deliveries: state.deliveries.length,
    invalidRequests: state.invalidRequests,
  }));

  app.post('/_emulator/users', async (request, reply) => {
    const input = parseUserInput(request.body);
    if (typeof input === 'string') return problem(reply, 400, input);
    return reply.code(201).send(state.addUser(input));
  });

  // Thousands of members with live grants in one request (benchmarks); about 250 bytes per user.
  app.post('/_emulator/seed', { bodyLimit: 16 * 1024 * 1024 }, async (request, reply) => {
    const input = parseSeedInput(request.body);
    if (typeof input === 'string') return problem(reply, 400, input);
    try {
      return reply.code(201).send({ users: state.seed(input.users, input.options) });
    } catch (error) {
      return problem(reply, 400, (error as Error).message);
    }
  });

  app.put('/_emulator/users/:id/primary-guild', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!state.getUser(id)) return problem(reply, 404, `unknown user ${id}`);
    const body = request.body;
    const omit = isObject(body) && body.omit === true;
    const value = omit ? undefined : parsePrimaryGuild(body);
    if (typeof value === 'string') return problem(reply, 400, `${value}; or send {"omit":true}`);
    state.setPrimaryGuild(id, value);
    return reply.send(state.getUser(id));
  });

  app.post('/_emulator/users/:id/revoke', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!state.getUser(id)) return problem(reply, 404, `unknown user ${id}`);
    return reply.send({ userId: id, revokedGrants: state.revokeUser(id) });
  });

  app.post('/_emulator/users/:id/expire-tokens', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!state.getUser(id)) return problem(reply, 404, `unknown user ${id}`);
    return reply.send({ userId: id, expiredTokens: state.expireAccessTokens(id) });
  });

  app.get('/_emulator/role-connections/:userId', async (request, reply) => {
    const { userId } = request.params as { userId: string };
    const found = state.getRoleConnection(userId);
    return found ? reply.send(found) : problem(reply, 404, `no role connection for user ${userId}`);
  });

  app.post('/_emulator/authorize', async (request, reply) => {
    const input = parseAuthorizeInput(request.body);
    if (typeof input === 'string') return problem(reply, 400, input);
    try {
      return reply.send({ code: state.authorize(input) });
    } catch (error) {
      return problem(reply, 400, (error as Error).message);
    }
  });

  app.post('/_emulator/faults', async (request, reply) => {
    const fault = parseFault(request.body);
    if (typeof fault === 'string') return problem(reply, 400, fault);
    state.addFault(fault);
    return reply.code(201).send(fault);
  });

  app.delete('/_emulator/faults', async (_request, reply) => {
    state.clearFaults();
    return reply.code(204).send();
  });

  // Lets calls parked by `hold` faults go on: all of them, or the oldest {"count": n}.
  app.post('/_emulator/held/release', async (request, reply) => {
    const body = request.body;
    const count = isObject(body) ? body.count : undefined;
    if (count !== undefined && !(typeof count === 'number' && Number.isInteger(count) && count > 0)) {
      return problem(reply, 400, 'count must be a positive integer');
    }
    return reply.send({ released: state.held.release(count) });
  });

  app.get('/_emulator/calls', async () => state.calls);

  app.delete('/_emulator/calls', async (_request, reply) => {
    state.calls = [];
    return reply.code(204).send();
  });

  app.post('/_emulator/events', async (request, reply) => {
    const input = parseEventInput(request.body);
    if (typeof input === 'string') return problem(reply, 400, input);
    try {
      return reply.send(await state.sendEvent(input));
    } catch (error) {
      return problem(reply, error instanceof UnreachableError ? 502 : 400, (error as Error).message);
    }
  });

  app.get('/_emulator/deliveries', async () => state.deliveries);

  app.put('/_emulator/bot-guilds/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!/^\d{1,20}$/.test(id)) return problem(reply, 400, 'a guild id is a string of digits');
    state.addBotToGuild(id);
    return reply.send({ botGuildIds: state.app.botGuildIds() });
  });

  app.delete('/_emulator/bot-guilds/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!state.removeBotFromGuild(id)) return problem(reply, 404, `the bot is not in guild ${id}`);
    return reply.send({ botGuildIds: state.app.botGuildIds() });
  });

  app.post('/_emulator/reset', async (_request, reply) => {
    state.reset();
    return reply.code(204).send();
  });
}
