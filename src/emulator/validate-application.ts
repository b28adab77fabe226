// Checks a PATCH /applications/@me body (README §7): only the editable fields are read, bad values get 50035.
import { FormErrors } from './form-errors.js';
import type { ApplicationChanges, WebhookEventType } from './types.js';
import type { Checked } from './validate-role-connection.js';

export const webhookEventTypes: readonly WebhookEventType[] = [
  'APPLICATION_AUTHORIZED',
  'APPLICATION_DEAUTHORIZED',
  'ENTITLEMENT_CREATE',
  'ENTITLEMENT_UPDATE',
  'ENTITLEMENT_DELETE',
  'QUEST_USER_ENROLLMENT',
  'LOBBY_MESSAGE_CREATE',
  'LOBBY_MESSAGE_UPDATE',
  'LOBBY_MESSAGE_DELETE',
  'GAME_DIRECT_MESSAGE_CREATE',
  'GAME_DIRECT_MESSAGE_UPDATE',
  'GAME_DIRECT_MESSAGE_DELETE',
];

/** An absolute http(s) URL with a host, at most 2048 characters. */
export function isWellFormedUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048 || !/^https?:\/\/[^\s/?#]/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

function list(errors: FormErrors, path: string[], value: unknown): value is unknown[] {
  if (Array.isArray(value)) return true;
  errors.add(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  return false;
}

export function validateApplicationPatch(body: unknown): Checked<ApplicationChanges> {
  const errors = new FormErrors();
  if (!errors.dict([], body)) return { ok: false, errors };
  const value: ApplicationChanges = {};

  const url = (key: 'role_connections_verification_url' | 'event_webhooks_url' | 'custom_install_url'): void => {
    const given = body[key];
    if (given === undefined) return;
    if (given === null || isWellFormedUrl(given)) value[key] = given;
    else errors.add([key], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  };
  url('role_connections_verification_url');
  url('event_webhooks_url');
  url('custom_install_url');

  const { description, event_webhooks_status: status, event_webhooks_types: types, tags, install_params } = body;
  if (description !== undefined && errors.string(['description'], description, 0, 400)) {
    value.description = description;
  }
  if (status !== undefined) {
    if (status === 1 || status === 2) value.event_webhooks_status = status;
    else errors.add(['event_webhooks_status'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  if (types !== undefined && list(errors, ['event_webhooks_types'], types)) {
    const known = types.filter((t, i): t is WebhookEventType => {
      if (webhookEventTypes.includes(t as WebhookEventType)) return true;
      const choices = webhookEventTypes.join(', ');
      errors.add(['event_webhooks_types', String(i)], 'BASE_TYPE_CHOICES', `Value must be one of {${choices}}.`);
      return false;
    });
    value.event_webhooks_types = known;
  }
  if (tags === null) value.tags = null;
  else if (tags !== undefined && list(errors, ['tags'], tags)) {
    if (tags.length > 5) errors.add(['tags'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    const bad = tags.filter((tag, i) => !errors.string(['tags', String(i)], tag, 1, 20));
    if (bad.length === 0 && tags.length <= 5) value.tags = tags as string[];
  }
  if (install_params === null) value.install_params = null;
  else if (install_params !== undefined && errors.dict(['install_params'], install_params)) {
    const { scopes, permissions } = install_params;
    const scopesOk =
      list(errors, ['install_params', 'scopes'], scopes) &&
      scopes.filter((s, i) => !errors.string(['install_params', 'scopes', String(i)], s, 1, 100)).length === 0;
    const permissionsOk = errors.string(['install_params', 'permissions'], permissions, 1, 20);
    if (scopesOk && permissionsOk) value.install_params = { scopes: scopes as string[], permissions };
  }

  return errors.empty ? { ok: true, value } : { ok: false, errors };
}
