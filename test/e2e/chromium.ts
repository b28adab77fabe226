// Which Chromium the real-browser test drives: CHROMIUM_PATH when set, else the system's Chromium
// when installed, else the headless build that @sparticuz/chromium carries inside its npm package
// (unpacked into the temp folder once), so `npm ci` alone is enough to run the test.
import { existsSync } from 'node:fs';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import type { Test } from 'tap';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps calling Google's hosts, which a closed
// network refuses; our own list rather than the package's, which turns web security off.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let packaged: Promise<string> | undefined;

export async function chromiumPath(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, and no file is there`);
    return configured;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  packaged ??= sparticuz.executablePath();
  return packaged;
}

/** A headless browser, closed when the test ends. */
export async function launchChromium(t: Test): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: ARGS });
  t.teardown(() => browser.close());
  return browser;
}
