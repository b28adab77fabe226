// The pages a member sees after the Discord round trip: what we saw, what it means, what to do next,
// each in the member's language (the translator decides the words, these functions the markup).
import type { ComputedConnection } from '../metadata/connection.js';
import type { TextKey } from '../i18n/catalog.js';
import type { Translator } from '../i18n/translate.js';
import { html, type SafeHtml } from './html.js';

interface LayoutOptions {
  title: string;
  icon: 'ok' | 'no' | 'err';
  body: SafeHtml;
  /** Where the stylesheet is found: beside it, under PUBLIC_URL's path. */
  verifyUrl: string | undefined;
}

const ICONS = { ok: '✓', no: '•', err: '!' };
const stylesheets = new Map<string, string>();

/**
 * The stylesheet's path as the browser sees it: PUBLIC_URL may have a path of its own (a proxy
 * that strips it before us), so the page names it relative to the verification URL, not the root.
 */
export function stylesheetPath(verifyUrl: string | undefined): string {
  if (verifyUrl === undefined) return '/assets/style.css';
  let path = stylesheets.get(verifyUrl);
  if (path === undefined) {
    path = new URL('assets/style.css', new URL(verifyUrl, 'http://page.invalid')).pathname;
    stylesheets.set(verifyUrl, path);
  }
  return path;
}

export function layout(tr: Translator, { title, icon, body, verifyUrl }: LayoutOptions): string {
  return html`<!doctype html>
    <html lang="${tr.locale}" dir="${tr.dir}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <link rel="stylesheet" href="${stylesheetPath(verifyUrl)}" />
      </head>
      <body>
        <main>
          <div class="status ${icon}" aria-hidden="true">${ICONS[icon]}</div>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html> `.value;
}

const tagHtml = (tag: string) => html`<span class="tag">${tag}</span>`;

export function homePage(tr: Translator, platformName: string, verifyUrl: string): string {
  return layout(tr, {
    verifyUrl,
    title: tr.t('home.title', { platform: platformName }),
    icon: 'ok',
    body: html`<p>${tr.t('home.text')}</p>
      <a class="button" href="${verifyUrl}">${tr.t('home.link')}</a>`,
  });
}

export interface ResultPageInput {
  connection: ComputedConnection;
  displayName: string;
  verifyUrl: string;
  disconnect: { action: string; csrf: string };
}

/** Why the tag does not count, in a sentence with the tag (when known) as a badge. */
function explanation(tr: Translator, connection: ComputedConnection): SafeHtml {
  const { status, tag } = connection.observation;
  const withTag = (key: TextKey, unknown: TextKey) =>
    tag ? html`${tr.parts(key, { tag: tagHtml(tag) })}` : html`${tr.t(unknown)}`;
  if (status === 'worn') return html`${tr.parts('result.worn.text', { tag: tagHtml(tag ?? '') })}`;
  const why =
    status === 'switched-off'
      ? withTag('result.switchedOff.text', 'result.switchedOffUnknown.text')
      : status === 'other-guild'
        ? withTag('result.otherGuild.text', 'result.otherGuildUnknown.text')
        : html`${tr.t(status === 'cleared' ? 'result.cleared.text' : 'result.noTag.text')}`;
  return html`${why} ${tr.t('result.comeBack')}`;
}

export function resultPage(tr: Translator, input: ResultPageInput): string {
  const { connection, displayName, verifyUrl, disconnect } = input;
  const { observation, metadata, history } = connection;
  const tag = observation.tag;
  // A tag switched off, or cleared by its server, is not on the profile: the text above says why.
  const displayed = observation.status === 'worn' || observation.status === 'other-guild';
  const days = (value: string) => tr.plural('result.days', Number(value));
  const since = observation.worn && history.wearingSince !== null ? history.wearingSince : null;
  return layout(tr, {
    verifyUrl,
    title: observation.worn ? tr.t('result.worn.title', { tag: tag ?? '' }) : tr.t('result.notWorn.title'),
    icon: observation.worn ? 'ok' : 'no',
    body: html`<p>${explanation(tr, connection)}</p>
      <dl>
        <dt>${tr.t('result.account')}</dt>
        <dd>${displayName}</dd>
        <dt>${tr.t('result.tagSeen')}</dt>
        <dd>${tag && displayed ? tagHtml(tag) : tr.t('result.noneSeen')}</dd>
        <dt>${tr.t('metadata.tag_worn.name')}</dt>
        <dd>${tr.t(observation.worn ? 'result.yes' : 'result.no')}</dd>
        ${since === null ? '' : html`<dt>${tr.t('result.since')}</dt><dd>${tr.date(since)}</dd>`}
        <dt>${tr.t('metadata.tag_streak_days.name')}</dt>
        <dd>${days(metadata.tag_streak_days)}</dd>
        <dt>${tr.t('metadata.tag_total_days.name')}</dt>
        <dd>${days(metadata.tag_total_days)}</dd>
      </dl>
      <p class="muted">${tr.t('result.note')}</p>
      <a class="button" href="${verifyUrl}">${tr.t('result.checkAgain')}</a>
      <form class="disconnect" method="post" action="${disconnect.action}">
        <input type="hidden" name="csrf" value="${disconnect.csrf}" />
        <button type="submit">${tr.t('result.disconnect')}</button>
      </form>`,
  });
}

export function disconnectedPage(tr: Translator, verifyUrl: string): string {
  return layout(tr, {
    verifyUrl,
    title: tr.t('disconnected.title'),
    icon: 'ok',
    body: html`<p>${tr.t('disconnected.text')}</p>
      <p class="muted">${tr.t('disconnected.note')}</p>
      <a class="button" href="${verifyUrl}">${tr.t('disconnected.again')}</a>`,
  });
}

export function cancelledPage(tr: Translator, verifyUrl: string): string {
  return layout(tr, {
    verifyUrl,
    title: tr.t('cancelled.title'),
    icon: 'no',
    body: html`<p>${tr.t('cancelled.text')}</p>
      <p class="muted">${tr.t('cancelled.note')}</p>
      <a class="button" href="${verifyUrl}">${tr.t('cancelled.again')}</a>`,
  });
}

export interface ErrorPageInput {
  title: string;
  message: string;
  verifyUrl?: string | undefined;
}

export function errorPage(tr: Translator, { title, message, verifyUrl }: ErrorPageInput): string {
  return layout(tr, {
    verifyUrl,
    title,
    icon: 'err',
    body: html`<p>${message}</p>
      ${verifyUrl ? html`<a class="button" href="${verifyUrl}">${tr.t('error.startAgain')}</a>` : ''}`,
  });
}
