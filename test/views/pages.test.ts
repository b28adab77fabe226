import t from 'tap';
import { LOCALES } from '../../src/i18n/locales.js';
import { english, translator } from '../../src/i18n/translate.js';
import { computeConnection, DAY_MS } from '../../src/metadata/connection.js';
import { DiscordUnavailableError, RateLimitedError } from '../../src/discord/errors.js';
import { describeError, PageError } from '../../src/views/error-view.js';
import { cancelledPage, disconnectedPage, errorPage, homePage, resultPage } from '../../src/views/pages.js';

const GUILD = '111111111111111111';
const NOW = Date.UTC(2026, 10, 20);
const settings = { tagGuildIds: [GUILD], platformName: 'Server Tag' };
const guild = (identity_enabled: boolean | null, tag: string | null, id = GUILD) => ({
  identity_guild_id: id,
  identity_enabled,
  tag,
  badge: null,
});
const members = {
  worn: { username: 'ana', primary_guild: guild(true, 'ABCD') },
  'no-tag': { username: 'bo', primary_guild: null },
  'switched-off': { username: 'cy', primary_guild: guild(false, 'ABCD') },
  'switched-off, no tag': { username: 'cy', primary_guild: guild(false, null) },
  cleared: { username: 'di', primary_guild: guild(null, null) },
  'other-guild': { username: 'ed', primary_guild: guild(true, 'XYZ', '222222222222222222') },
  'other-guild, no tag': { username: 'ed', primary_guild: guild(true, null, '222222222222222222') },
};
const history = { wearingSince: NOW - 3 * DAY_MS, wornMsBefore: 2 * DAY_MS, lastObservedAt: NOW - DAY_MS };
const disconnect = { action: '/linked-role/disconnect', csrf: 'c' };
const errors = [
  new PageError(400, 'error.badState.title', { key: 'error.badState.expired', count: 10 }, 'bad-state'),
  new PageError(403, 'error.missingScope.title', {
    key: 'error.missingScope.text',
    params: { scopes: ['identify', 'role_connections.write'] },
  }),
  new PageError(400, 'error.discordError.title', { key: 'error.discordError.text', params: { error: 'x' } }),
  new RateLimitedError(30_000, false),
  new DiscordUnavailableError('timeout'),
  new Error('boom'),
];

/** Every page of the service, rendered in one language. */
function everyPage(locale: (typeof LOCALES)[number]): Record<string, string> {
  const tr = translator(locale);
  const pages: Record<string, string> = {
    home: homePage(tr, 'Server Tag', '/linked-role'),
    disconnected: disconnectedPage(tr, '/linked-role'),
    cancelled: cancelledPage(tr, '/linked-role'),
  };
  for (const [name, user] of Object.entries(members)) {
    const connection = computeConnection(user, history, NOW, settings);
    pages[`result: ${name}`] = resultPage(tr, {
      connection,
      displayName: 'Ana',
      verifyUrl: '/linked-role',
      disconnect,
    });
  }
  for (const error of errors) {
    const view = describeError(error);
    pages[`error: ${view.reason}`] = errorPage(tr, {
      title: tr.t(view.title),
      message: tr.say(view.message),
      verifyUrl: '/linked-role',
    });
  }
  return pages;
}

t.test('every page renders in every language, with no key or placeholder left over', async (t) => {
  const englishPages = everyPage('en-US');
  for (const locale of LOCALES) {
    for (const [name, page] of Object.entries(everyPage(locale))) {
      t.match(page, `<html lang="${locale}" dir="ltr">`, `${locale} ${name}`);
      t.notMatch(page, /\{\w+\}|undefined|NaN|\[object /, `${locale} ${name}: all filled`);
      t.notMatch(page, /(?:result|error|home|cancelled|disconnected|metadata)\.\w+/, `${locale} ${name}: no raw key`);
      const body = (p: string) => /<main>([\s\S]*)<\/main>/.exec(p)![1]!;
      if (!locale.startsWith('en')) t.not(body(page), body(englishPages[name]!), `${locale} ${name}: translated`);
    }
  }
});

t.test('the result page shows counts with plurals and the date in the page language', async (t) => {
  const connection = computeConnection(members.worn, history, NOW, settings);
  const page = (locale: (typeof LOCALES)[number]) =>
    resultPage(translator(locale), { connection, displayName: 'Ana', verifyUrl: '/', disconnect });
  t.match(page('en-US'), '<dd>3 days</dd>');
  t.match(page('en-US'), '<dd>5 days</dd>');
  t.match(page('en-US'), '<dd>November 17, 2026</dd>');
  t.match(page('ru'), '<dd>3 дня</dd>');
  t.match(page('ru'), '<dd>5 дней</dd>');
  t.match(page('de'), '<dd>17. November 2026</dd>');
  t.match(page('de'), 'Du trägst [ABCD]');
  t.match(page('ja'), '<dd>3日</dd>');
  t.match(page('pl'), 'Nosisz [ABCD]');
  const off = computeConnection(members.cleared, history, NOW, settings);
  const notWorn = resultPage(english(), { connection: off, displayName: 'Di', verifyUrl: '/', disconnect });
  t.notMatch(notWorn, 'Wearing it since', 'no date when the tag is not worn');
  t.match(notWorn, '<dd>0 days</dd>');
});

t.test('member-given text stays text in every language', async (t) => {
  const evil = { username: 'x', primary_guild: guild(true, '<b>', '222222222222222222') };
  const connection = computeConnection(evil, null, NOW, settings);
  for (const locale of LOCALES) {
    const page = resultPage(translator(locale), { connection, displayName: '<i>', verifyUrl: '/', disconnect });
    t.notMatch(page, /<b>|<i>/, locale);
    t.match(page, '<span class="tag">&lt;b&gt;</span>', locale);
  }
});

t.test('"Tag seen" names only a tag the profile shows; one switched off or not ours is "none"', async (t) => {
  const tr = english();
  const seen = (user: { username: string; primary_guild: ReturnType<typeof guild> | null }) => {
    const connection = computeConnection(user, history, NOW, settings);
    const page = resultPage(tr, { connection, displayName: 'Ana', verifyUrl: '/linked-role', disconnect });
    return /<dt>Tag seen<\/dt>\s*<dd>([\s\S]*?)<\/dd>/.exec(page)?.[1] ?? '';
  };
  t.match(seen(members.worn), 'ABCD');
  t.match(seen(members['other-guild']), 'XYZ');
  t.equal(seen(members['switched-off']), 'none');
  t.equal(seen({ username: 'fa', primary_guild: guild(false, 'ZZZ', '222222222222222222') }), 'none');
  t.equal(seen({ username: 'gu', primary_guild: guild(null, 'ABCD') }), 'none');
});

t.test('the result rows are named as the requirements an admin picks in Discord', async (t) => {
  for (const locale of ['en-US', 'de'] as const) {
    const tr = translator(locale);
    const connection = computeConnection(members.worn, history, NOW, settings);
    const page = resultPage(tr, { connection, displayName: 'Ana', verifyUrl: '/linked-role', disconnect });
    for (const key of ['tag_worn', 'tag_streak_days', 'tag_total_days'] as const) {
      t.match(page, `<dt>${tr.t(`metadata.${key}.name`)}</dt>`, `${locale} ${key}`);
    }
  }
});
