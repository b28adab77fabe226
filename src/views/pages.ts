// The pages a member sees after the Discord round trip: what we saw, what it means, what to do next.
import type { ComputedConnection } from '../metadata/connection.js';
import { html, type SafeHtml } from './html.js';

interface LayoutOptions {
  title: string;
  icon: 'ok' | 'no' | 'err';
  body: SafeHtml;
}

const ICONS = { ok: '✓', no: '•', err: '!' };

export function layout({ title, icon, body }: LayoutOptions): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <link rel="stylesheet" href="/assets/style.css" />
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

export interface ResultPageInput {
  connection: ComputedConnection;
  displayName: string;
  verifyUrl: string;
  disconnect: { action: string; csrf: string };
}

export function resultPage({ connection, displayName, verifyUrl, disconnect }: ResultPageInput): string {
  const { observation, metadata } = connection;
  const tag = observation.tag;
  const come = html`Switch it on in Discord (your profile → Server Tag), then come back to this page.`;
  const headlines: Record<typeof observation.status, { title: string; text: SafeHtml }> = {
    worn: {
      title: `You wear [${tag ?? ''}]`,
      text: html`Roles that require the tag are now yours. ${tagHtml(tag ?? '')} is shown next to your name.`,
    },
    'no-tag': {
      title: 'You are not wearing the tag of our server',
      text: html`Discord shows no server tag on your profile. ${come}`,
    },
    'switched-off': {
      title: 'You are not wearing the tag of our server',
      text: html`Your server tag${tag ? html` ${tagHtml(tag)}` : ''} is switched off. ${come}`,
    },
    cleared: {
      title: 'You are not wearing the tag of our server',
      text: html`Discord is not showing your server tag any more (the server may have changed it). Adopt it again.
      ${come}`,
    },
    'other-guild': {
      title: 'You are not wearing the tag of our server',
      text: html`You wear ${tag ? tagHtml(tag) : 'a tag'}, which belongs to another server. ${come}`,
    },
  };
  const { title, text } = headlines[observation.status];
  return layout({
    title,
    icon: observation.worn ? 'ok' : 'no',
    body: html`<p>${text}</p>
      <dl>
        <dt>Discord account</dt>
        <dd>${displayName}</dd>
        <dt>Tag seen</dt>
        <dd>${tag ? tagHtml(tag) : 'none'}</dd>
        <dt>Counts for roles</dt>
        <dd>${observation.worn ? 'yes' : 'no'}</dd>
        <dt>Days in a row</dt>
        <dd>${metadata.tag_streak_days}</dd>
        <dt>Days in total</dt>
        <dd>${metadata.tag_total_days}</dd>
      </dl>
      <p class="muted">
        Your linked roles follow your tag: Discord updates them when we see it change. You can close this page.
      </p>
      <a class="button" href="${verifyUrl}">Check again</a>
      <form class="disconnect" method="post" action="${disconnect.action}">
        <input type="hidden" name="csrf" value="${disconnect.csrf}" />
        <button type="submit">Disconnect and delete my data</button>
      </form>`,
  });
}

export function disconnectedPage(verifyUrl: string): string {
  return layout({
    title: 'Disconnected',
    icon: 'ok',
    body: html`<p>
        We removed your linked role data from Discord, revoked our access to your account and deleted everything we
        stored about you.
      </p>
      <p class="muted">Roles that required the tag through this link are removed by Discord.</p>
      <a class="button" href="${verifyUrl}">Link again</a>`,
  });
}

export function cancelledPage(verifyUrl: string): string {
  return layout({
    title: 'Nothing was linked',
    icon: 'no',
    body: html`<p>You cancelled on Discord, so we did not read or change anything.</p>
      <p class="muted">To link your tag later, open Server Settings → Linked Roles in Discord, or start again here.</p>
      <a class="button" href="${verifyUrl}">Try again</a>`,
  });
}

export interface ErrorPageInput {
  title: string;
  message: string;
  verifyUrl?: string | undefined;
}

export function errorPage({ title, message, verifyUrl }: ErrorPageInput): string {
  return layout({
    title,
    icon: 'err',
    body: html`<p>${message}</p>
      ${verifyUrl ? html`<a class="button" href="${verifyUrl}">Start again</a>` : ''}`,
  });
}
