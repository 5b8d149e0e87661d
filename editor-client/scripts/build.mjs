#!/usr/bin/env node
// Builds what the extension runs: the smolsp.json schema (from the rule catalog) and one bundled
// dist/extension.js (vscode-languageclient included, `vscode` left to the host).
// Usage: node scripts/build.mjs [--production]
import { spawnSync } from 'node:child_process';
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
console.log(`build: dist/extension.js${production ? ' (production)' : ''}`);
