// Bot-token routes: GET/PUT /applications/:appId/role-connections/metadata, the app-wide Linked Roles schema.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasBotToken, hasJsonBody } from './guards.js';
import { discordError } from './replies.js';
import type { EmulatorState } from './state.js';
import { validateMetadata } from './validate-metadata.js';

const metadataPath = '/api/v10/applications/:appId/role-connections/metadata';

export function registerMetadataRoutes(
  app: FastifyInstance,
  state: EmulatorState,
  clientId: string,
  botToken: string,
): void {
  /** Answers 401/404 and returns false unless the bot token and application id are right. */
  const allowed = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (!hasBotToken(request, reply, botToken)) return false;
    if ((request.params as { appId: string }).appId !== clientId) {
      discordError(reply, 404, 'Unknown Application', RESTJSONErrorCodes.UnknownApplication);
      return false;
    }
    return true;
  };

  app.get(metadataPath, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    return reply.send(state.metadataSchema);
  });

  app.put(metadataPath, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    if (!hasJsonBody(request, reply)) return reply;
    const checked = validateMetadata(request.body);
    if (!checked.ok) return reply.code(400).send(checked.errors.body());
    state.metadataSchema = checked.value;
    return reply.send(checked.value);
  });
}
