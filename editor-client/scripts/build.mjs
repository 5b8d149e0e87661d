#!/usr/bin/env node
// Builds what the extension runs: the smolsp.json schema (from the rule catalog) and one bundled
// dist/extension.js (vscode-languageclient included, `vscode` left to the host).
// Usage: node scripts/build.mjs [--production]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

const schema = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate-schema.mjs')], { cwd: root, stdio: 'inherit' });
if (schema.status !== 0) {
  process.exit(schema.status ?? 1);
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.91 runs extensions on Node 20 (Electron 29).
  target: 'node20',
  external: ['vscode'],
  // vscode-languageclient's package.json exports `./node` only under the "node" condition.
  conditions: ['node'],
  minify: production,
  keepNames: true,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
});
// The Share preview webview draws cards with the renderer the server's HTML report embeds: one copy of it, in the
// server's sources, copied here with the webview's own script and styles.
const cards = path.join(root, '..', 'server', 'SmoLsp.Server', 'Cards');
const media = path.join(root, 'dist', 'media');
mkdirSync(media, { recursive: true });
writeFileSync(path.join(media, 'share-cards.js'), readFileSync(path.join(cards, 'share-cards.js')));
writeFileSync(path.join(media, 'share-preview.js'), readFileSync(path.join(root, 'media', 'share-preview.js')));
writeFileSync(
  path.join(media, 'share-preview.css'),
  readFileSync(path.join(cards, 'share-cards.css'), 'utf8') + readFileSync(path.join(root, 'media', 'share-preview.css'), 'utf8'),
);
console.log(`build: dist/extension.js${production ? ' (production)' : ''}, dist/media/`);
