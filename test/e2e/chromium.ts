// Which Chromium the real-browser test drives: CHROMIUM_PATH when set, else the system's Chromium
// when installed, else the headless build that @sparticuz/chromium carries inside its npm package
// (unpacked into a temp folder of this process's own), so `npm ci` alone is enough to run the test.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// The package unpacks into os.tmpdir() and reuses what it finds there: each test process gets a
// folder of its own, so two suites running at once never start a binary the other is still writing.
async function unpack(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chromium-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await sparticuz.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

export async function chromiumPath(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, and no file is there`);
    return configured;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  packaged ??= unpack();
  return packaged;
}

/** A headless browser, closed when the test ends. */
export async function launchChromium(t: Test): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: await chromiumPath(), args: ARGS });
  t.teardown(() => browser.close());
  return browser;
}
