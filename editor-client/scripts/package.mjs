#!/usr/bin/env node
// `npm run package`: puts a published server into server/ and packages the extension into
// smolsp-<version>.vsix with @vscode/vsce (3.9.x: 4.x needs Node 22).
//
//   dotnet publish server/SmoLsp.Server -c Release -o DIR
//   SMOLSP_PUBLISH_DIR=DIR npm run package
//
// vsce runs `vscode:prepublish` (the production build), which regenerates the smolsp.json schema from the
// server just copied in, so the shipped schema lists exactly the shipped server's rules.
//
// A platform package carries the native server instead (Native AOT: no .NET needed on the user's machine):
//
//   scripts/publish-native.sh linux-x64             # artifacts/native/linux-x64/smolsp
//   SMOLSP_NATIVE_DIR=../artifacts/native/linux-x64 npm run package -- --target linux-x64
//
// gives smolsp-linux-x64-<version>.vsix with server/native/smolsp (vsce --target: linux-x64, linux-arm64,
// darwin-arm64, win32-x64). SMOLSP_PUBLISH_DIR, when also set, is only asked for the rule catalog of the schema.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/** vsce's platform targets and the native executable's name on each. */
export const NATIVE_TARGETS = { 'linux-x64': 'smolsp', 'linux-arm64': 'smolsp', 'darwin-arm64': 'smolsp', 'win32-x64': 'smolsp.exe' };

/** Why `dir` holds no native server for `target`, or undefined. */
export function nativeDirProblem(dir, target) {
  if (!NATIVE_TARGETS[target]) {
    return `--target ${target}: expected one of ${Object.keys(NATIVE_TARGETS).join(', ')}`;
  }
  if (!dir) {
    return 'SMOLSP_NATIVE_DIR is not set: run `scripts/publish-native.sh RID` and set SMOLSP_NATIVE_DIR to its folder';
  }
  if (!existsSync(path.join(dir, NATIVE_TARGETS[target]))) {
    return `SMOLSP_NATIVE_DIR=${dir} holds no ${NATIVE_TARGETS[target]} (a Native AOT publish of SmoLsp.Server)`;
  }
  return undefined;
}

/** Replaces `dest` with server/native/<executable> only (a platform package ships no framework-dependent server). */
export function copyNativeServer(nativeDir, target, dest = serverDir) {
  const exe = NATIVE_TARGETS[target];
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(path.join(dest, 'native'), { recursive: true });
  copyFileSync(path.join(nativeDir, exe), path.join(dest, 'native', exe));
  chmodSync(path.join(dest, 'native', exe), 0o755);
}

function packageNative(target) {
  const nativeDir = process.env.SMOLSP_NATIVE_DIR ? path.resolve(process.env.SMOLSP_NATIVE_DIR) : undefined;
  const problem = nativeDirProblem(nativeDir, target);
  if (problem) {
    console.error(`package: ${problem}`);
    process.exit(2);
  }
  copyNativeServer(nativeDir, target);
  console.log(`package: copied the native server from ${nativeDir} into server/native/`);
  const env = { ...process.env };
  if (process.env.SMOLSP_PUBLISH_DIR) {
    env.SMOLSP_DLL = path.join(path.resolve(process.env.SMOLSP_PUBLISH_DIR), 'smolsp.dll');
  }
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  vscePackage(['--target', target], path.join(root, `smolsp-${target}-${version}.vsix`), env);
}

function vscePackage(extraArgs, out, env = process.env) {
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', ...extraArgs, '--out', out], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error('package: vsce package failed');
    process.exit(result.status ?? 1);
  }
  console.log(`package: ${path.relative(process.cwd(), out)}`);
}

function main() {
  const targetIndex = process.argv.indexOf('--target');
  if (targetIndex > 0) {
    packageNative(process.argv[targetIndex + 1]);
    return;
  }
  const publishDir = process.env.SMOLSP_PUBLISH_DIR ? path.resolve(process.env.SMOLSP_PUBLISH_DIR) : undefined;
  const problem = publishDirProblem(publishDir);
  if (problem) {
    console.error(`package: ${problem}`);
    process.exit(2);
  }
  copyServer(publishDir);
  console.log(`package: copied the server from ${publishDir} into server/`);

  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  // --no-dependencies: the bundle carries vscode-languageclient, node_modules stays out.
  // stdin ignored: any vsce prompt fails the build instead of hanging CI.
  vscePackage([], path.join(root, `smolsp-${version}.vsix`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
