// The checks several emulated API routes open with, answered the way Discord answers them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseAuth } from './api-hooks.js';
import { contentTypeErrors } from './form-errors.js';
import { generalError, mediaType } from './replies.js';

/** Answers 401 and returns false unless the request carries the bot token. */
export function hasBotToken(request: FastifyRequest, reply: FastifyReply, botToken: string): boolean {
  const { auth, credential } = parseAuth(request.headers.authorization);
  if (auth === 'bot' && credential === botToken) return true;
  generalError(reply, 401);
  return false;
}

/** Answers Discord's 50035 and returns false unless the body was sent as JSON. */
export function hasJsonBody(request: FastifyRequest, reply: FastifyReply): boolean {
  if (mediaType(request.headers['content-type']) === 'application/json') return true;
  reply.code(400).send(contentTypeErrors().body());
  return false;
}
