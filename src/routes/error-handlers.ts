// The two ways a route plugin answers a failure, so each plugin sets its own: members get an HTML
// page that says what happened and what to do; machines (Discord's webhook calls, monitoring) get
// JSON. Both log unexpected failures at error level, never a stack trace in the answer.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, type ErrorView } from '../views/error-view.js';
import { english } from '../i18n/translate.js';
import { errorPage } from '../views/pages.js';
import { pageTranslator } from './page-language.js';

type Handler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply;

function viewOf(error: unknown, request: FastifyRequest): ErrorView {
  const view = describeError(error);
  if (view.unexpected) request.log.error({ err: error }, 'request failed');
  else request.log.info({ reason: view.reason, status: view.status }, english().t(view.title));
  return view;
}

/** A page with a way back to `verifyUrl`; `onFailure` is told of each (for metrics). */
export function pageErrorHandler(
  verifyUrl: string,
  onFailure?: (view: ErrorView, request: FastifyRequest) => void,
): Handler {
  return (error, request, reply) => {
    const view = viewOf(error, request);
    onFailure?.(view, request);
    const tr = pageTranslator(request, reply);
    return reply
      .code(view.status)
      .headers(view.headers)
      .type('text/html; charset=utf-8')
      .send(errorPage(tr, { title: tr.t(view.title), message: tr.say(view.message), verifyUrl }));
  };
}

export const jsonErrorHandler: Handler = (error, request, reply) => {
  const view = viewOf(error, request);
  return reply
    .code(view.status)
    .headers(view.headers)
    .send({ error: english().t(view.title) });
};
