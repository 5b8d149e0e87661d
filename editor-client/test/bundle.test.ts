// The shipped bundle, not the compiled sources: dist/extension.js must load with only `vscode` provided
// (vscode-languageclient inside it), export activate/deactivate, and run activation up to the server check.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { root, tempDir } from './helpers';
import { createVscodeMock, fakeContext, loadFresh, looseVscodeModule } from './vscodeMock';

const bundle = path.join(root, 'dist', 'extension.js');
let restore: (() => void) | undefined;
const savedEnv = { ...process.env };

afterEach(() => {
  restore?.();
  restore = undefined;
  process.env = { ...savedEnv };
});

describe('dist/extension.js', () => {
  it('exists (npm run build) and requires nothing outside itself but vscode and node built-ins', () => {
    assert.ok(existsSync(bundle), 'run `npm run build` first');
    const text = readFileSync(bundle, 'utf8');
    const required = new Set([...text.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    const builtins = new Set(require('module').builtinModules as string[]);
    const foreign = [...required].filter((r) => r !== 'vscode' && !builtins.has(r.replace(/^node:/, '')));
    assert.deepEqual(foreign, [], 'every dependency is bundled');
  });

  it('loads, exports activate and deactivate, and reports a missing server through the real client code path', async () => {
    delete process.env.SMOLSP_SERVER_PATH;
    const vscode = createVscodeMock();
    const loaded = loadFresh<{ activate(c: unknown): Promise<void>; deactivate(): Promise<void> }>(bundle, { vscode: looseVscodeModule(vscode.module) });
    restore = loaded.restore;
    assert.equal(typeof loaded.exports.activate, 'function');
    assert.equal(typeof loaded.exports.deactivate, 'function');
    const extensionPath = path.join(tempDir(), 'ext');
    mkdirSync(extensionPath);
    await loaded.exports.activate(fakeContext(extensionPath));
    assert.deepEqual([...vscode.commands.keys()].sort(), ['smolsp.fixAll', 'smolsp.restart', 'smolsp.showOutput', 'smolsp.showPreview']);
    assert.equal(vscode.messages.length, 1);
    assert.deepEqual(vscode.messages[0].items, ['Open Settings']);
    await loaded.exports.deactivate();
  });
});
