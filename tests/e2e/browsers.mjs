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
export function launchChromiumWithExtension(dir, profile = freshProfileDir()) {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_ARGS, '--headless=new', `--load-extension=${dir}`, `--disable-extensions-except=${dir}`],
  });
}

/** The extension's moz-extension:// host in the Firefox these helpers launch (fixed by a pref). */
export const FIREFOX_EXTENSION_UUID = '3c6a1b8e-6f1e-4b6a-9a43-0e3d5b7f2c11';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

/**
 * Firefox ESR with the extension in `dir` installed as a temporary add-on (a Puppeteer browser).
 * `prefs` adds Firefox preferences (e.g. a short event-page idle time for the recovery test);
 * `args` command-line arguments.
 */
export async function launchFirefoxWithExtension(dir, prefs = {}, args = []) {
  const browser = await launchFirefox(prefs, args);
  await browser.installExtension(dir);
  return browser;
}

/**
 * Firefox ESR alone (a Puppeteer browser); `prefs` adds Firefox preferences, `args` arguments
 * (`-remote-allow-system-access` lets WebDriver BiDi run script in the browser's own window,
 * where a key press goes through Firefox's shortcut handling, and open moz-extension:// pages).
 */
export function launchFirefox(prefs = {}, args = []) {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args,
    extraPrefsFirefox: {
      'extensions.webextensions.remote': true,
      'datareporting.policy.dataSubmissionEnabled': false,
      'extensions.webextensions.uuids': JSON.stringify({ 'emend@emend.invalid': FIREFOX_EXTENSION_UUID }),
      ...prefs,
    },
  });
}

export const ARTIFACTS = process.env.EMEND_ARTIFACTS ?? join(tmpdir(), 'emend-artifacts');
