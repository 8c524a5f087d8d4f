// Launch helpers for the end-to-end tests: Debian's Chromium through playwright-core.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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

export const ARTIFACTS = process.env.EMEND_ARTIFACTS ?? join(tmpdir(), 'emend-artifacts');
