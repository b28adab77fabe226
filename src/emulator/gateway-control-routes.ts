// The /_emulator control routes for membership, the application's intent flags and the gateway (README §11),
// so black-box tests in other processes can drive what the bot sees.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isObject } from './control-input.js';
import type { EmulatorState } from './state.js';

const problem = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  reply.code(status).send({ message, code: 0 });
const digits = (id: string): boolean => /^\d{1,20}$/.test(id);

/** `sessionId` from a control body: undefined (every session), a string, or a message saying what is wrong. */
function sessionOf(body: unknown): { sessionId?: string } | string {
  const id = isObject(body) ? body.sessionId : undefined;
  if (id !== undefined && typeof id !== 'string') return 'sessionId must be a string';
  return id === undefined ? {} : { sessionId: id };
}

export function registerGatewayControlRoutes(app: FastifyInstance, state: EmulatorState): void {
  const memberPath = '/_emulator/guilds/:guildId/members/:userId';
  const memberIds = (request: { params: unknown }, reply: FastifyReply) => {
    const { guildId, userId } = request.params as { guildId: string; userId: string };
    if (!digits(guildId)) return void problem(reply, 400, 'a guild id is a string of digits');
    if (!digits(userId)) return void problem(reply, 400, 'a user id is a string of digits');
    return { guildId, userId };
  };

  app.put(memberPath, async (request, reply) => {
    const ids = memberIds(request, reply);
    if (!ids) return reply;
    if (!state.getUser(ids.userId)) return problem(reply, 404, `unknown user ${ids.userId}`);
    const added = state.addGuildMember(ids.guildId, ids.userId);
    return reply.send({ ...ids, added, member: state.membership.member(ids.guildId, ids.userId) });
  });

  app.delete(memberPath, async (request, reply) => {
    const ids = memberIds(request, reply);
    if (!ids) return reply;
    if (!state.removeGuildMember(ids.guildId, ids.userId)) {
      return problem(reply, 404, `user ${ids.userId} is not a member of guild ${ids.guildId}`);
    }
    return reply.send({ ...ids, removed: true });
  });

  app.get('/_emulator/guilds/:guildId/members', async (request, reply) => {
    const { guildId } = request.params as { guildId: string };
    if (!digits(guildId)) return problem(reply, 400, 'a guild id is a string of digits');
    return reply.send({ guildId, memberIds: state.guildMemberIds(guildId) });
  });

  // Portal-only settings: the intent switches live in the application's flags (README §10).
  app.patch('/_emulator/application', async (request, reply) => {
    const flags = isObject(request.body) ? request.body.flags : undefined;
    if (!(Number.isSafeInteger(flags) && (flags as number) >= 0)) {
      return problem(reply, 400, 'expected {flags: a non-negative integer}');
    }
    return reply.send(state.updateApplication({ flags: flags as number }));
  });

  app.get('/_emulator/gateway', async () => state.gateway.stats());

  const act = (path: string, run: (body: unknown, sessionId?: string) => number | string) =>
    app.post(`/_emulator/gateway/${path}`, async (request, reply) => {
      const target = sessionOf(request.body);
      if (typeof target === 'string') return problem(reply, 400, target);
      const result = run(request.body, target.sessionId);
      return typeof result === 'string' ? problem(reply, 400, result) : reply.send({ sessions: result });
    });

  act('drop', (_body, id) => state.gateway.drop(id));
  act('reconnect', (_body, id) => state.gateway.reconnect(id));
  act('heartbeat', (_body, id) => state.gateway.requestHeartbeat(id));
  act('forget', () => state.gateway.forgetSessions());
  act('close', (body, id) => {
    const code = isObject(body) ? body.code : undefined;
    const valid = code === 1000 || (Number.isInteger(code) && (code as number) >= 3000 && (code as number) <= 4999);
    return valid ? state.gateway.close(code as number, id) : 'code must be 1000 or 3000–4999';
  });
  act('invalidate', (body, id) => {
    const resumable = isObject(body) ? body.resumable : undefined;
    return typeof resumable === 'boolean' ? state.gateway.invalidate(resumable, id) : 'resumable must be a boolean';
  });
  act('dispatch', (body, id) => {
    const t = isObject(body) ? body.t : undefined;
    if (typeof t !== 'string' || !/^[A-Z_]{1,64}$/.test(t)) return 'expected {t: "EVENT_NAME", d, sessionId?}';
    return state.gateway.dispatch(t, (body as Record<string, unknown>).d ?? null, id);
  });
}
