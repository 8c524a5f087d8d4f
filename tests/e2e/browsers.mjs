// Launch helpers for the end-to-end tests and the benchmark: Debian's Chromium through
// playwright-core, Firefox ESR through puppeteer-core (WebDriver BiDi).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export async function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export function freshProfileDir() {
  return mkdtempSync(join(tmpdir(), 'emend-profile-'));
}

/** Chromium with the unpacked extension in `dir` loaded, in a fresh profile (a Playwright context). */
export function launchChromiumWithExtension(dir) {
  return chromium.launchPersistentContext(freshProfileDir(), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, '--headless=new', `--load-extension=${dir}`, `--disable-extensions-except=${dir}`],
  });
}

/** Firefox ESR with the extension in `dir` installed as a temporary add-on (a Puppeteer browser). */
export async function launchFirefoxWithExtension(dir) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { 'extensions.webextensions.remote': true, 'datareporting.policy.dataSubmissionEnabled': false },
  });
  await browser.installExtension(dir);
  return browser;
}

export const ARTIFACTS = process.env.EMEND_ARTIFACTS ?? join(tmpdir(), 'emend-artifacts');
