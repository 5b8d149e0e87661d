#!/usr/bin/env node
// `npm test`: build (schema + bundle), compile the TypeScript sources and tests, then run every test file
// with node's built-in runner. The TAP reporter prints the `# pass N` / `# fail N` summary CI counts.
// Usage: node scripts/run-tests.mjs [--no-build] [test-name-filter]
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function run(label, command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`run-tests: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

if (!args.includes('--no-build')) {
  run('build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
}
// A clean out/ so a deleted test never keeps running from a stale compiled copy.
rmSync(path.join(root, 'out'), { recursive: true, force: true });
run('tsc', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root]);

const testDir = path.join(root, 'out', 'test');
const files = readdirSync(testDir)
  .filter((f) => f.endsWith('.test.js'))
  .sort()
  .map((f) => path.join(testDir, f));
const filter = args.find((a) => !a.startsWith('--'));
const runnerArgs = ['--test', '--test-reporter=tap', ...(filter ? ['--test-name-pattern', filter] : []), ...files];
const result = spawnSync(process.execPath, runnerArgs, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
