// Bot-token routes about the application itself (README §7): GET/PATCH /applications/@me and GET /guilds/:guildId.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FormErrors } from './form-errors.js';
import { hasBotToken, hasJsonBody } from './guards.js';
import { discordError } from './replies.js';
import type { EmulatorState } from './state.js';
import { validateApplicationPatch } from './validate-application.js';

const applicationPath = '/api/v10/applications/@me';

export function registerApplicationRoutes(app: FastifyInstance, state: EmulatorState, botToken: string): void {
  const isBot = (request: FastifyRequest, reply: FastifyReply) => hasBotToken(request, reply, botToken);

  app.get(applicationPath, async (request, reply) => {
    if (!isBot(request, reply)) return reply;
    return reply.send(state.application);
  });

  app.patch(applicationPath, async (request, reply) => {
    if (!isBot(request, reply)) return reply;
    if (!hasJsonBody(request, reply)) return reply;
    const checked = validateApplicationPatch(request.body);
    if (!checked.ok) return reply.code(400).send(checked.errors.body());
    const url = checked.value.event_webhooks_url;
    // Discord checks a new Webhook Events URL before saving anything (README §5.3, §7).
    if (url && url !== state.application.event_webhooks_url && !(await state.events.verify(url))) {
      const errors = new FormErrors();
      errors.add(
        ['event_webhooks_url'],
        'APPLICATION_WEBHOOK_URL_INVALID',
        'The specified webhook URL could not be verified.',
      );
      return reply.code(400).send(errors.body());
    }
    return reply.send(state.updateApplication(checked.value));
  });

  app.get('/api/v10/guilds/:guildId', async (request, reply) => {
    if (!isBot(request, reply)) return reply;
    const lookup = state.app.guild((request.params as { guildId: string }).guildId);
    if (lookup.found === 'member') return reply.send(lookup.guild);
    if (lookup.found === 'no-access')
      return discordError(reply, 403, 'Missing Access', RESTJSONErrorCodes.MissingAccess);
    return discordError(reply, 404, 'Unknown Guild', RESTJSONErrorCodes.UnknownGuild);
  });
}
