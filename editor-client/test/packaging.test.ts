import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { importScript, tempDir } from './helpers';

/** What vsce 3.9 puts in a .vsix for this extension (README/CHANGELOG lower-cased, LICENSE renamed). */
const GOOD = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/media/share-cards.js',
  'extension/dist/media/share-preview.js',
  'extension/dist/media/share-preview.css',
  'extension/schemas/smolsp.schema.json',
  'extension/server/smolsp.dll',
  'extension/server/smolsp.runtimeconfig.json',
  'extension/server/smolsp.deps.json',
  'extension/server/SmoLsp.Analysis.dll',
];

describe('check-vsix: contents', () => {
  it('accepts the expected layout', async () => {
    const { checkEntries } = await importScript('check-vsix.mjs');
    assert.deepEqual(checkEntries(GOOD), { missing: [], forbidden: [] });
  });

  it('names each missing part', async () => {
    const { checkEntries } = await importScript('check-vsix.mjs');
    const { missing } = checkEntries(GOOD.filter((n) => !/smolsp\.dll|readme|LICENSE|changelog|dist\//.test(n)));
    assert.deepEqual(missing, [
      'the bundled client (extension/dist/extension.js)',
      'the share-card renderer (extension/dist/media/share-cards.js)',
      'the Share preview script (extension/dist/media/share-preview.js)',
      'the Share preview styles (extension/dist/media/share-preview.css)',
      'the server (extension/server/smolsp.dll)',
      'README (extension/readme.md)',
      'LICENSE (extension/LICENSE.txt)',
      'CHANGELOG (extension/changelog.md)',
    ]);
  });

  it('accepts a platform package with the native server in place of the dll', async () => {
    const { checkEntries, isNativePackage } = await importScript('check-vsix.mjs');
    const native = [...GOOD.filter((n) => !n.startsWith('extension/server/')), 'extension/server/native/smolsp'];
    assert.ok(isNativePackage(native));
    assert.ok(!isNativePackage(GOOD));
    assert.deepEqual(checkEntries(native), { missing: [], forbidden: [] });
  });

  it('a platform package without its native server is missing the server', async () => {
    const { checkEntries } = await importScript('check-vsix.mjs');
    const { missing } = checkEntries(GOOD.filter((n) => !n.startsWith('extension/server/')));
    assert.deepEqual(missing, ['the server (extension/server/smolsp.dll)', 'the server runtime config (extension/server/smolsp.runtimeconfig.json)', 'the server dependency manifest (extension/server/smolsp.deps.json)']);
  });

  it('rejects build inputs that must not ship', async () => {
    const { checkEntries } = await importScript('check-vsix.mjs');
    const extra = ['extension/node_modules/semver/index.js', 'extension/src/extension.ts', 'extension/dist/extension.js.map', 'extension/out/test/x.js'];
    assert.deepEqual(checkEntries([...GOOD, ...extra]).forbidden, extra);
  });
});

describe('package: the published server', () => {
  it('requires SMOLSP_PUBLISH_DIR to be a framework-dependent publish folder', async () => {
    const { publishDirProblem } = await importScript('package.mjs');
    assert.match(publishDirProblem(undefined), /SMOLSP_PUBLISH_DIR is not set: run `dotnet publish server\/SmoLsp.Server -c Release -o DIR`/);
    const dir = tempDir();
    assert.match(publishDirProblem(path.join(dir, 'nope')), /is not a folder/);
    writeFileSync(path.join(dir, 'smolsp.dll'), '');
    assert.match(publishDirProblem(dir), /missing smolsp\.runtimeconfig\.json, smolsp\.deps\.json/);
    writeFileSync(path.join(dir, 'smolsp.runtimeconfig.json'), '{}');
    writeFileSync(path.join(dir, 'smolsp.deps.json'), '{}');
    assert.equal(publishDirProblem(dir), undefined);
  });

  it('replaces the server folder with the publish output, sub-folders included', async () => {
    const { copyServer } = await importScript('package.mjs');
    const publish = tempDir();
    mkdirSync(path.join(publish, 'runtimes', 'linux-x64'), { recursive: true });
    writeFileSync(path.join(publish, 'smolsp.dll'), 'new');
    writeFileSync(path.join(publish, 'runtimes', 'linux-x64', 'native.so'), 'x');
    const dest = path.join(tempDir(), 'server');
    mkdirSync(dest);
    writeFileSync(path.join(dest, 'stale.dll'), 'old');
    copyServer(publish, dest);
    assert.equal(readFileSync(path.join(dest, 'smolsp.dll'), 'utf8'), 'new');
    assert.ok(existsSync(path.join(dest, 'runtimes', 'linux-x64', 'native.so')));
    assert.ok(!existsSync(path.join(dest, 'stale.dll')), 'a stale server file never ships');
  });
});

describe('package: the native server of a platform package', () => {
  it('requires a known target and a folder holding the native executable', async () => {
    const { nativeDirProblem } = await importScript('package.mjs');
    assert.match(nativeDirProblem('/x', 'linux-ia64'), /--target linux-ia64: expected one of linux-x64, linux-arm64, darwin-arm64, win32-x64/);
    assert.match(nativeDirProblem(undefined, 'linux-x64'), /SMOLSP_NATIVE_DIR is not set: run `scripts\/publish-native.sh RID`/);
    const dir = tempDir();
    assert.match(nativeDirProblem(dir, 'linux-x64'), /holds no smolsp/);
    assert.match(nativeDirProblem(dir, 'win32-x64'), /holds no smolsp\.exe/);
    writeFileSync(path.join(dir, 'smolsp'), 'ELF');
    assert.equal(nativeDirProblem(dir, 'linux-x64'), undefined);
  });

  it('ships the executable alone, in server/native, executable', async () => {
    const { copyNativeServer } = await importScript('package.mjs');
    const publish = tempDir();
    writeFileSync(path.join(publish, 'smolsp'), 'ELF');
    writeFileSync(path.join(publish, 'smolsp.dbg'), 'symbols');
    const dest = path.join(tempDir(), 'server');
    mkdirSync(dest);
    writeFileSync(path.join(dest, 'smolsp.dll'), 'a universal server left from an earlier package');
    copyNativeServer(publish, 'linux-x64', dest);
    assert.deepEqual(readdirSync(dest, { recursive: true }).map(String).sort(), ['native', path.join('native', 'smolsp')]);
    if (process.platform !== 'win32') {
      assert.equal(statSync(path.join(dest, 'native', 'smolsp')).mode & 0o111, 0o111);
    }
  });
});
