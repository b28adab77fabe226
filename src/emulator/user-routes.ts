// Bearer-token routes: GET /users/@me and the user's role connection (GET/PUT/DELETE) for this application.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { noteUser, parseAuth } from './api-hooks.js';
import { hasJsonBody } from './guards.js';
import { discordError, generalError } from './replies.js';
import type { EmulatorState } from './state.js';
import type { EmulatedUser } from './types.js';
import { currentUserBody } from './user-body.js';
import { validateRoleConnection } from './validate-role-connection.js';

const connectionPath = '/api/v10/users/@me/applications/:appId/role-connection';

/** The user behind a valid Bearer token holding `scope`, or undefined after answering 401/403. */
function bearerUser(
  request: FastifyRequest,
  reply: FastifyReply,
  state: EmulatorState,
  scope: string,
): EmulatedUser | undefined {
  const { auth, credential } = parseAuth(request.headers.authorization);
  const found = auth === 'bearer' ? state.grants.resolveAccess(credential) : undefined;
  if (found) noteUser(request, found.grant.userId);
  const user = found?.valid ? state.getUser(found.grant.userId) : undefined;
  if (!found || !user) {
    generalError(reply, 401);
    return undefined;
  }
  if (!found.grant.scopes.includes(scope)) {
    discordError(reply, 403, 'Missing required OAuth2 scope', RESTJSONErrorCodes.MissingRequiredOAuth2Scope);
    return undefined;
  }
  return user;
}

/** /users/@me as an `identify` token sees it: no email, primary_guild omitted/null/object as stored. */
export function registerUserRoutes(app: FastifyInstance, state: EmulatorState, clientId: string): void {
  app.get('/api/v10/users/@me', async (request, reply) => {
    const user = bearerUser(request, reply, state, 'identify');
    if (user) return reply.send(currentUserBody(user));
    return reply;
  });

  /** Auth, scope and application checks shared by the three methods. */
  const connectionUser = (request: FastifyRequest, reply: FastifyReply): EmulatedUser | undefined => {
    const user = bearerUser(request, reply, state, 'role_connections.write');
    if (!user) return undefined;
    const { appId } = request.params as { appId: string };
    if (appId !== clientId) {
      discordError(reply, 403, 'Missing Access', RESTJSONErrorCodes.MissingAccess);
      return undefined;
    }
    return user;
  };

  app.get(connectionPath, async (request, reply) => {
    const user = connectionUser(request, reply);
    if (!user) return reply;
    return reply.send(
      state.getRoleConnection(user.id) ?? { platform_name: null, platform_username: null, metadata: {} },
    );
  });

  app.put(connectionPath, async (request, reply) => {
    const user = connectionUser(request, reply);
    if (!user) return reply;
    if (!hasJsonBody(request, reply)) return reply;
    const checked = validateRoleConnection(request.body);
    if (!checked.ok) return reply.code(400).send(checked.errors.body());
    state.setRoleConnection(user.id, checked.value);
    return reply.send(checked.value);
  });

  app.delete(connectionPath, async (request, reply) => {
    const user = connectionUser(request, reply);
    if (!user) return reply;
    state.deleteRoleConnection(user.id);
    return reply.code(204).send();
  });
}
