// Headless Chromium (Debian's `chromium`) driven by playwright-core: no browser download, a fresh profile per launch,
// nothing reaching the network on its own. Screenshots go to artifacts/screenshots/ (not committed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const screenshots = process.env.SMOLSP_SCREENSHOTS ?? path.join(repo, 'artifacts', 'screenshots');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh --user-data-dir; `close()` removes it. */
export async function launch() {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'smolsp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.SMOLSP_UI_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot as artifacts/screenshots/NAME.png and returns its path. */
export async function shot(page, name, options = {}) {
  mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}
