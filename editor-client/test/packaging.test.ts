import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
