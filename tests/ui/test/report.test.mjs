// `smolsp check --format html=report.html` opened in headless Chromium: the cards are drawn from the embedded model,
// local images load with no server, the filters work, and nothing is fetched. Screenshots: artifacts/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, repo, shot } from '../lib/browser.mjs';

const dll = process.env.SMOLSP_DLL;

test('the HTML report draws every page\'s cards with its local image and filters by text, severity and rule', { skip: !dll && 'set SMOLSP_DLL' }, async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'smolsp-report-'));
  const report = path.join(out, 'report.html');
  const run = spawnSync('dotnet', [dll, 'check', 'examples/site', 'examples/mvc', '--format', `html=${report}`, '--format', 'json'], { cwd: repo, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const files = JSON.parse(run.stdout);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(report).href);
    await page.waitForSelector('.sc-cell');

    assert.deepEqual(errors, []);
    assert.equal(await page.locator('section.page').count(), files.length);
    // Every request stays on this machine: the page itself and inlined images.
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);

    // The MVC home page: composed with its layout, the local share-card.png loaded from a data: URI.
    const home = page.locator('section.page[data-path="examples/mvc/Views/Home/Index.cshtml"]');
    assert.equal(await home.locator('.sc-cell').count(), 8);
    assert.match(await home.locator('.composed').textContent(), /_Layout\.cshtml/);
    const facebook = home.locator('.sc-cell[data-platform="facebook"]');
    const loaded = await facebook.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/'));
    assert.ok(loaded, 'the local og:image is drawn');
    assert.notEqual((await facebook.locator('.sc-title').textContent()).trim(), '');
    await home.scrollIntoViewIfNeeded();
    await shot(page, 'report-mvc-home');

    // Filters: errors only, then one rule, then text.
    const total = await page.locator('section.page:visible').count();
    await page.selectOption('#severity', 'error');
    const errorsOnly = await page.locator('section.page:visible').count();
    assert.ok(errorsOnly < total, `errors only shows fewer pages (${errorsOnly} of ${total})`);
    for (const row of await page.locator('tr[data-rule]:visible').all()) {
      assert.equal(await row.getAttribute('data-severity'), 'error');
    }
    await page.selectOption('#severity', '');
    await page.selectOption('#rule', 'SMO001');
    for (const row of await page.locator('tr[data-rule]:visible').all()) {
      assert.equal(await row.getAttribute('data-rule'), 'SMO001');
    }
    await page.selectOption('#rule', '');
    await page.fill('#q', 'launch-post');
    assert.equal(await page.locator('section.page:visible').count(), 1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'report-filtered');
    assert.match(await page.locator('#shown').textContent(), /^1 of \d+ pages$/);
  } finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  }
});
