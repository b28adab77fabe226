import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { GUILD_ID, harness } from '../helpers.js';
import { launchChromium as launch } from './chromium.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

t.test('a member links their tag in a real browser', async (t) => {
  const h = await harness(t, { listen: true });
  const browser = await launch(t);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${h.appUrl}/linked-role`);
  t.match(page.url(), `${h.emulatorUrl}/oauth2/authorize?`, 'on the emulated Discord consent page');
  await page.fill('input[name="username"]', 'browser_ana');
  await page.selectOption('select[name="guild"]', GUILD_ID);
  await page.selectOption('select[name="identity_enabled"]', 'true');
  await page.fill('input[name="tag"]', 'ABCD');
  await page.click('button[value="authorize"]');
  await page.waitForURL(`${h.appUrl}/linked-role/callback?**`);
  const heading = await page.textContent('h1');
  t.equal(heading, 'You wear [ABCD]');
  t.match(await page.textContent('main'), /Roles that require the tag are now yours/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}result-page.png`, fullPage: true });
  t.ok(existsSync(`${ARTIFACTS}result-page.png`), 'screenshot kept as a test artifact');

  const user = h.emulator.listUsers().find((u) => u.username === 'browser_ana')!;
  t.same(h.emulator.getRoleConnection(user.id), {
    platform_name: 'Server Tag',
    platform_username: 'ABCD',
    metadata: { tag_worn: '1', tag_streak_days: '0', tag_total_days: '0' },
  });

  await Promise.all([page.waitForURL(`${h.appUrl}/linked-role/disconnect`), page.click('form.disconnect button')]);
  t.equal(await page.textContent('h1'), 'Disconnected');
  t.equal(
    h.emulator.getRoleConnection(user.id),
    undefined,
    'the Disconnect button works in a browser (CSP and CSRF included)',
  );
});

t.test('Cancel on the consent page ends on our friendly page', async (t) => {
  const h = await harness(t, { listen: true });
  const browser = await launch(t);
  const page = await browser.newPage();
  await page.goto(`${h.appUrl}/linked-role`);
  await page.click('button[value="cancel"]');
  await page.waitForURL(`${h.appUrl}/linked-role/callback?**`);
  t.equal(await page.textContent('h1'), 'Nothing was linked');
  t.equal(h.emulator.calls.length, 0, 'no Discord API call');
});

t.test("the result page comes in the member's Discord language", async (t) => {
  const h = await harness(t, { listen: true });
  const browser = await launch(t);
  // The browser asks for English: the member's Discord locale, picked on the consent page, wins.
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 320, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${h.appUrl}/linked-role`);
  await page.fill('input[name="username"]', 'browser_lena_with_a_very_long_name');
  await page.selectOption('select[name="locale"]', 'de');
  await page.selectOption('select[name="guild"]', GUILD_ID);
  await page.fill('input[name="tag"]', 'ABCD');
  await page.click('button[value="authorize"]');
  await page.waitForURL(`${h.appUrl}/linked-role/callback?**`);
  t.equal(await page.getAttribute('html', 'lang'), 'de');
  t.equal(await page.textContent('h1'), 'Du trägst [ABCD]');
  t.match(await page.textContent('main'), /Rollen, die das Tag voraussetzen, gehören jetzt dir/);
  t.equal(await page.textContent('form.disconnect button'), 'Trennen und meine Daten löschen');
  // Long German words wrap inside the card on a narrow screen instead of widening the page.
  // A string, as the tests are type-checked without the DOM library.
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  t.ok(overflow <= 0, `no horizontal scrolling (${overflow} px too wide)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}result-page-de.png`, fullPage: true });
});
