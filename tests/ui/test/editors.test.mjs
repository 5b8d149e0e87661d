// The documented Emacs eglot setup (tests/ui/emacs/init.el, shown in docs/lsp.md) run by Debian's emacs-nox with
// elpa-eglot in batch mode on a .cshtml page. (The Neovim 0.7 setup is run by tests/e2e/nvim.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo } from '../lib/browser.mjs';

const dll = process.env.SMOLSP_DLL;
const emacs = spawnSync('emacs', ['--version'], { encoding: 'utf8' }).status === 0;

test('Emacs eglot: the documented init.el starts smolsp on a .cshtml page, Flymake shows its findings, hover answers', { skip: (!dll && 'set SMOLSP_DLL') || (!emacs && 'emacs is not installed (tests/ui/install.sh)') }, () => {
  const site = mkdtempSync(path.join(os.tmpdir(), 'smolsp-emacs-'));
  try {
    cpSync(path.join(repo, 'tests/e2e/fixtures/site'), site, { recursive: true });
    const result = path.join(site, 'result.txt');
    const here = path.join(repo, 'tests/ui/emacs');
    // -q, not -Q: Debian activates elpa-eglot from its site-start files.
    const run = spawnSync('emacs', ['--batch', '-q', '-l', path.join(here, 'init.el'), '-l', path.join(here, 'test.el')], {
      cwd: site,
      env: { ...process.env, HOME: site, SMOLSP_DLL: path.resolve(dll), SMOLSP_RESULT: result, SMOLSP_FILE: path.join(site, 'Pages', 'Index.cshtml') },
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.ok(existsSync(result), `no result; emacs said:\n${run.stderr}`);
    const lines = readFileSync(result, 'utf8').trim().split('\n');
    assert.deepEqual(lines.filter((l) => l.startsWith('FAIL')), [], run.stderr);
    assert.ok(lines.includes('MODE mhtml-mode'), lines.join('\n'));
    assert.ok(lines.includes('SERVER smolsp'), lines.join('\n'));
    assert.ok(lines.some((l) => /^DIAGNOSTIC line \d+ smolsp \[SMO001\]: The page has no og:title/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('HOVER Share card · Acme · acme.example'), lines.join('\n'));
    assert.equal(lines.at(-1), 'DONE');
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
