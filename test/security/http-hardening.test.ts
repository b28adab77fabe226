import t from 'tap';
import { harness, startVerification, type Harness } from '../helpers.js';

t.test('pages carry security headers and a strict CSP', async (t) => {
  const h = await harness(t);
  const res = await h.app.inject({ method: 'GET', url: '/' });
  const csp = String(res.headers['content-security-policy']);
  for (const directive of [
    "default-src 'none'",
    "style-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]) {
    t.match(csp, directive);
  }
  t.notMatch(csp, /unsafe-inline|unsafe-eval/);
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.equal(res.headers['x-frame-options'], 'DENY', "as frame-ancestors 'none'");
  t.equal(res.headers['referrer-policy'], 'same-origin');
  t.equal(res.headers['strict-transport-security'], undefined, 'no HSTS on an http public URL');
  t.notMatch(res.body, /style=|<script/, 'no inline styles or scripts for the CSP to allow');
  const https = await harness(t, { env: { PUBLIC_URL: 'https://roles.example.org' } });
  const secure = await https.app.inject({ method: 'GET', url: '/' });
  t.match(secure.headers['strict-transport-security'], /max-age=/);
});

t.test('member routes are rate limited per IP, with a page', async (t) => {
  const h = await harness(t, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
  const ip = (remoteAddress: string) => h.app.inject({ method: 'GET', url: '/linked-role', remoteAddress });
  for (let i = 0; i < 3; i += 1) t.equal((await ip('10.0.0.1')).statusCode, 302);
  const limited = await ip('10.0.0.1');
  t.equal(limited.statusCode, 429);
  t.match(limited.body, /Too many attempts/);
  t.ok(Number(limited.headers['retry-after']) > 0);
  t.equal((await ip('10.0.0.2')).statusCode, 302, 'another IP is not limited');
  const css = await h.app.inject({ method: 'GET', url: '/assets/style.css', remoteAddress: '10.0.0.1' });
  t.equal(css.statusCode, 200, 'the stylesheet is not limited');
});

t.test('unknown addresses get a 404 page and count against the same per-IP limit', async (t) => {
  const h = await harness(t, { env: { RATE_LIMIT_PER_MINUTE: '2' } });
  const probe = (url: string, remoteAddress = '10.0.0.7') => h.app.inject({ method: 'GET', url, remoteAddress });
  const missing = await probe('/wp-login.php');
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /text\/html/);
  t.match(missing.body, /Page not found/);
  t.equal((await probe('/.env')).statusCode, 404);
  const limited = await probe('/admin');
  t.equal(limited.statusCode, 429, 'a scan is cut off like any other burst');
  t.match(limited.body, /Too many attempts/);
  t.equal((await probe('/linked-role')).statusCode, 429, 'the same budget as the pages');
  t.equal((await probe('/admin', '10.0.0.8')).statusCode, 404, 'per IP');
});

t.test('an address we serve, asked with another method, is a 405 page naming the methods it takes', async (t) => {
  const h = await harness(t);
  for (const [method, url, allow] of [
    ['POST', '/linked-role', 'GET, HEAD'],
    ['PUT', '/linked-role/callback?code=x&state=y', 'GET, HEAD'],
    ['GET', '/linked-role/disconnect', 'POST'],
    ['DELETE', '/discord/events', 'POST'],
  ] as const) {
    const res = await h.app.inject({ method, url });
    t.equal(res.statusCode, 405, `${method} ${url}`);
    t.equal(res.headers.allow, allow, `${method} ${url}`);
    t.match(res.headers['content-type'], /text\/html/);
    t.match(res.body, /This request could not be handled/);
  }
  t.equal((await h.app.inject({ method: 'POST', url: '/nowhere' })).statusCode, 404);
});

t.test('behind a trusted proxy the client address comes from X-Forwarded-For', async (t) => {
  const forwarded = (app: Harness['app'], client: string) =>
    app.inject({
      method: 'GET',
      url: '/linked-role',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': client },
    });
  const h = await harness(t, { env: { RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: '1' } });
  const via = (client: string) => forwarded(h.app, client);
  t.equal((await via('203.0.113.1')).statusCode, 302);
  t.equal((await via('203.0.113.2')).statusCode, 302, 'a different client behind the same proxy');
  t.equal((await via('203.0.113.1')).statusCode, 429);
  const direct = await harness(t, { env: { RATE_LIMIT_PER_MINUTE: '1' } });
  const spoof = (client: string) => forwarded(direct.app, client);
  t.equal((await spoof('203.0.113.1')).statusCode, 302);
  t.equal((await spoof('203.0.113.2')).statusCode, 429, 'without TRUST_PROXY the header is ignored');
});

t.test('no open redirect: the only redirect goes to the configured Discord', async (t) => {
  const h = await harness(t);
  for (const url of [
    '/linked-role?redirect_uri=https://evil.example',
    '/linked-role?next=//evil.example',
    '//evil.example/',
  ]) {
    const res = await h.app.inject({ method: 'GET', url });
    if (res.statusCode === 302)
      t.ok(String(res.headers.location).startsWith(`${h.emulatorUrl}/oauth2/authorize?`), url);
    else t.equal(res.statusCode, 404, url);
    t.notMatch(String(res.headers.location ?? ''), /evil/, url);
  }
  const started = await startVerification(h);
  t.equal(started.location.searchParams.get('redirect_uri'), h.config.redirectUri);
});
