#!/usr/bin/env node
// `npm run package`: puts a published server into server/ and packages the extension into
// smolsp-<version>.vsix with @vscode/vsce (3.9.x: 4.x needs Node 22).
//
//   dotnet publish server/SmoLsp.Server -c Release -o DIR
//   SMOLSP_PUBLISH_DIR=DIR npm run package
//
// vsce runs `vscode:prepublish` (the production build), which regenerates the smolsp.json schema from the
// server just copied in, so the shipped schema lists exactly the shipped server's rules.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverDir = path.join(root, 'server');

/** Files a framework-dependent `dotnet publish` of SmoLsp.Server always has. */
export const REQUIRED_SERVER_FILES = ['smolsp.dll', 'smolsp.runtimeconfig.json', 'smolsp.deps.json'];

/** Why `dir` is not a usable publish folder, or undefined when it is. */
export function publishDirProblem(dir) {
  if (!dir) {
    return 'SMOLSP_PUBLISH_DIR is not set: run `dotnet publish server/SmoLsp.Server -c Release -o DIR` and set SMOLSP_PUBLISH_DIR=DIR';
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return `SMOLSP_PUBLISH_DIR=${dir} is not a folder`;
  }
  const missing = REQUIRED_SERVER_FILES.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    return `SMOLSP_PUBLISH_DIR=${dir} is not a framework-dependent publish of SmoLsp.Server: missing ${missing.join(', ')}`;
  }
  return undefined;
}

/** Replaces `dest` with a copy of the publish folder (a stale server must never ship). */
export function copyServer(publishDir, dest = serverDir) {
  rmSync(dest, { recursive: true, force: true });
  cpSync(publishDir, dest, { recursive: true });
}

function main() {
  const publishDir = process.env.SMOLSP_PUBLISH_DIR ? path.resolve(process.env.SMOLSP_PUBLISH_DIR) : undefined;
  const problem = publishDirProblem(publishDir);
  if (problem) {
    console.error(`package: ${problem}`);
    process.exit(2);
  }
  copyServer(publishDir);
  console.log(`package: copied the server from ${publishDir} into server/`);

  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = path.join(root, `smolsp-${version}.vsix`);
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  // --no-dependencies: the bundle carries vscode-languageclient, node_modules stays out.
  // stdin ignored: any vsce prompt fails the build instead of hanging CI.
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error('package: vsce package failed');
    process.exit(result.status ?? 1);
  }
  console.log(`package: ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
