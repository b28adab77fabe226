import t from 'tap';
import { harness, startVerification, verify, wornTag, type Harness } from '../helpers.js';

/** The callback as a browser sending `headers` would reach it, for a member the emulator approves. */
const callback = (h: Harness, userId: string, headers: Record<string, string> = {}) =>
  verify(h, userId, undefined, headers);

const lang = (body: string) => /<html lang="([^"]+)" dir="ltr">/.exec(body)?.[1];

t.test("the result page is in the member's Discord language, whatever the browser asks", async (t) => {
  const h = await harness(t);
  const cases = [
    { locale: 'fr', header: undefined, expected: 'fr', text: /Tu portes \[ABCD\]/ },
    { locale: 'ja', header: 'de-DE,de;q=0.9', expected: 'ja', text: /\[ABCD\] を付けています/ },
    { locale: 'es-419', header: 'en', expected: 'es-419', text: /Llevas \[ABCD\]/ },
    { locale: 'en-GB', header: 'ru', expected: 'en-GB', text: /You wear \[ABCD\]/ },
    { locale: 'da', header: 'nl-BE, en;q=0.5', expected: 'nl', text: /Je draagt \[ABCD\]/ },
    { locale: 'hi', header: undefined, expected: 'en-US', text: /You wear \[ABCD\]/ },
  ];
  for (const c of cases) {
    const user = h.emulator.addUser({ username: `m_${c.locale}`, locale: c.locale, primary_guild: wornTag() });
    const res = await callback(h, user.id, c.header ? { 'accept-language': c.header } : {});
    t.equal(res.statusCode, 200, c.locale);
    t.equal(lang(res.body), c.expected, `${c.locale} / ${c.header}: <html lang>`);
    t.equal(res.headers['content-language'], c.expected);
    t.match(res.headers.vary, /Accept-Language/);
    t.match(res.body, c.text, c.locale);
  }
});

t.test('pages before /users/@me follow Accept-Language; none gives en-US', async (t) => {
  const h = await harness(t);
  const cases = [
    { header: undefined, expected: 'en-US', text: /This sign-in cannot be completed/ },
    { header: 'es-MX,es;q=0.9', expected: 'es-419', text: /Este inicio de sesión no se puede completar/ },
    { header: 'zh-HK', expected: 'zh-TW', text: /這次登入無法完成/ },
    { header: 'pt-PT', expected: 'pt-BR', text: /Este login não pode ser concluído/ },
  ];
  for (const c of cases) {
    const res = await h.app.inject({
      method: 'GET',
      url: '/linked-role/callback?code=x&state=y',
      headers: c.header ? { 'accept-language': c.header } : {},
    });
    t.equal(res.statusCode, 400);
    t.equal(lang(res.body), c.expected, String(c.header));
    t.match(res.body, c.text);
  }
  const started = await startVerification(h);
  const cancelled = await h.app.inject({
    method: 'GET',
    url: `/linked-role/callback?error=access_denied&state=${started.state}`,
    headers: { cookie: started.cookie, 'accept-language': 'sv-SE' },
  });
  t.equal(lang(cancelled.body), 'sv-SE');
  t.match(cancelled.body, /Inget länkades/);
  const missing = await h.app.inject({ method: 'GET', url: '/nowhere', headers: { 'accept-language': 'ko-KR' } });
  t.equal(missing.statusCode, 404);
  t.match(missing.body, /페이지를 찾을 수 없어요/);
  const home = await h.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'it' } });
  t.match(home.body, /Server Tag: ruoli collegati/);
  t.equal(lang(home.body), 'it');
});

t.test("a failure after /users/@me is shown in the member's language", async (t) => {
  const h = await harness(t, { client: { retries: 0 } });
  const user = h.emulator.addUser({ username: 'olena', locale: 'uk', primary_guild: wornTag() });
  h.emulator.addFault({ kind: 'rate-limit', target: 'role-connection', retryAfter: 30, times: 1 });
  const res = await callback(h, user.id, { 'accept-language': 'de' });
  t.equal(res.statusCode, 429);
  t.equal(lang(res.body), 'uk');
  t.match(res.body, /Спробуйте знову за 30 секунд\./);
  const early = h.emulator.addUser({ username: 'early', locale: 'uk', primary_guild: wornTag() });
  h.emulator.addFault({ kind: 'rate-limit', target: 'token', retryAfter: 40, times: 1 });
  const before = await callback(h, early.id, { 'accept-language': 'de' });
  t.equal(lang(before.body), 'de', 'before /users/@me only the browser is known');
  t.match(before.body, /in 40 Sekunden noch einmal/);
});

t.test('Disconnect answers in the browser language', async (t) => {
  const h = await harness(t);
  const user = h.emulator.addUser({ username: 'tr_member', locale: 'tr', primary_guild: wornTag() });
  const res = await callback(h, user.id);
  t.match(res.body, /\[ABCD\] takıyorsun/);
  const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.includes('session'))!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  const done = await h.app.inject({
    method: 'POST',
    url: '/linked-role/disconnect',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: session.split(';')[0]!,
      'accept-language': 'tr-TR',
    },
    payload: `csrf=${csrf}`,
  });
  t.equal(done.statusCode, 200, done.body);
  t.equal(lang(done.body), 'tr');
  t.match(done.body, /Bağlantı kesildi/);
});
