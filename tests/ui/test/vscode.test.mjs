// The packaged extension in a real VS Code (code-server in headless Chromium), on copies of examples/site and
// examples/mvc: the Problems count the CLI reports, "Complete the share card" first in a short quick-fix menu and
// applied, the share card first in the hover on <head>, and the Share preview webview drawing every card with the
// page's local image and jumping to the layout line a value comes from. Screenshots: artifacts/screenshots/vscode-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, repo, shot } from '../lib/browser.mjs';
import { missing, startCodeServer, workbench } from '../lib/codeServer.mjs';

const skip = missing() || (!process.env.SMOLSP_DLL && 'set SMOLSP_DLL (the CLI counts the problems VS Code must show)');
let server;
let browser;
let page;
let vs;
let workspace;

before(async () => {
  if (skip) return;
  workspace = mkdtempSync(path.join(os.tmpdir(), 'smolsp-vscode-'));
  cpSync(path.join(repo, 'examples/site'), path.join(workspace, 'site'), { recursive: true });
  cpSync(path.join(repo, 'examples/mvc'), path.join(workspace, 'mvc'), { recursive: true });
  server = await startCodeServer();
  browser = await launch();
  page = await browser.context.newPage();
  vs = workbench(page);
  await vs.open(workspace, server.url);
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

/** What `smolsp check` counts for the same folder: [errors, warnings, infos]. */
function cliCounts() {
  const run = spawnSync('dotnet', [path.resolve(process.env.SMOLSP_DLL), 'check', '.', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
  const messages = JSON.parse(run.stdout).flatMap((f) => f.messages);
  return ['error', 'warning', 'info'].map((s) => messages.filter((m) => m.severity === s).length);
}

test('the Problems count is what smolsp check reports for the workspace', { skip, timeout: 180_000 }, async () => {
  const expected = cliCounts();
  assert.ok(expected[1] > 0, JSON.stringify(expected));
  const deadline = Date.now() + 90_000;
  let counts = await vs.problemCounts();
  while (JSON.stringify(counts) !== JSON.stringify(expected) && Date.now() < deadline) {
    await page.waitForTimeout(500);
    counts = await vs.problemCounts();
  }
  await vs.openFile('site/index.html');
  await shot(page, 'vscode-problems');
  assert.deepEqual(counts, expected);
});

test('Ctrl+. on </head> offers "Complete the share card" first in at most ten entries, and applying it writes the tags', { skip, timeout: 120_000 }, async () => {
  await vs.openFile('site/index.html');
  const text = readFileSync(path.join(workspace, 'site/index.html'), 'utf8').split('\n');
  const endTag = text.findIndex((l) => l.includes('</head>')) + 1;
  await vs.goto(endTag, 2);
  // The page's findings are on </head> (its squiggle), and the background check is over.
  await page.locator('.squiggly-warning').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('#status\\.bar')?.textContent?.includes('checking'), null, { timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+.');
  await page.waitForTimeout(2000);
  await shot(page, 'vscode-quick-fix-debug');
  const rows = page.locator('.action-widget .monaco-list-row:not(.group-header)');
  await rows.first().waitFor({ timeout: 30_000 });
  const titles = (await rows.allInnerTexts()).map((t) => t.trim()).filter((t) => t.length > 0);
  await shot(page, 'vscode-quick-fix');
  assert.ok(titles.length <= 10, titles.join(' | '));
  assert.match(titles[0], /^Complete the share card \(\d+ tags\)/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('og:title'), null, { timeout: 30_000 });
  const after = await vs.editorText();
  assert.match(after, /property="og:title"/);
  assert.match(after, /property="og:description"/);
  // The tags land beside the <title>, not a level deeper: VS Code indents a snippet's later lines itself.
  const lines = after.replace(/\u00a0/g, ' ').split('\n');
  const indent = (needle) => /^ */.exec(lines.find((l) => l.includes(needle)) ?? '')[0].length;
  assert.equal(indent('property="og:title"'), indent('<title>'), after);
  await shot(page, 'vscode-quick-fix-applied');
});

test('hover on <head> shows the share card first, not a list of findings', { skip, timeout: 60_000 }, async () => {
  await vs.openFile('site/about.html');
  const text = readFileSync(path.join(workspace, 'site/about.html'), 'utf8').split('\n');
  const head = text.findIndex((l) => l.includes('<head>')) + 1;
  await vs.goto(head, text[head - 1].indexOf('<head>') + 3);
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+i');
  await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((h) => h.textContent.includes('Share card')), null, { timeout: 30_000 });
  const content = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].map((h) => h.innerText).find((t) => t.includes('Share card')));
  await shot(page, 'vscode-hover');
  assert.match(content.trim(), /^Share card/);
  assert.doesNotMatch(content, /The page has no og:/);
  await page.keyboard.press('Escape');
});

test('the Share preview draws every card with the local image and jumps to the layout line of a value', { skip, timeout: 120_000 }, async () => {
  await vs.openFile('mvc/Views/Home/Index.cshtml');
  await vs.command('SmoLsp: Show share preview');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await frame.locator('.sc-cell').first().waitFor({ timeout: 60_000 });
  assert.equal(await frame.locator('.sc-cell').count(), 8);
  const facebook = frame.locator('.sc-cell[data-platform="facebook"]');
  await facebook.locator('img').waitFor();
  await page.waitForTimeout(1000);
  const loaded = await facebook.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0);
  assert.ok(loaded, 'the og:image file from wwwroot is drawn');
  assert.match(await facebook.locator('.sc-title').innerText(), /Home Page - AcmeWidgets\.Web/);
  assert.match(await frame.locator('#sp-status').innerText(), /composed with/);
  await shot(page, 'vscode-share-preview');

  // The title comes from the layout's <title>: clicking it opens _Layout.cshtml.
  await facebook.locator('.sc-title').click();
  await page.locator('.tab.active', { hasText: '_Layout.cshtml' }).waitFor({ timeout: 30_000 });
  await shot(page, 'vscode-share-preview-jump');
});
