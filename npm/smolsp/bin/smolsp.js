#!/usr/bin/env node
// The `smolsp` command of the npm package: finds the native binary that npm installed for this machine (the
// optional dependency @smolsp/<platform>-<arch>, as esbuild and Biome do) and runs it with the same arguments, standard
// streams and exit code. No .NET needed. SMOLSP_BINARY overrides the binary (a build of your own).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const PLATFORMS = {
  'linux x64': '@smolsp/linux-x64',
  'linux arm64': '@smolsp/linux-arm64',
  'darwin arm64': '@smolsp/darwin-arm64',
  'win32 x64': '@smolsp/win32-x64',
};

function binaryPath() {
  if (process.env.SMOLSP_BINARY) {
    return process.env.SMOLSP_BINARY;
  }
  const key = `${process.platform} ${process.arch}`;
  const pkg = PLATFORMS[key];
  if (!pkg) {
    fail(
      `smolsp has no native build for ${key}. Use the .NET tool instead (needs the .NET 10 runtime): ` +
        'dotnet tool install --global smolsp',
    );
  }
  const exe = process.platform === 'win32' ? 'smolsp.exe' : 'smolsp';
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    fail(
      `smolsp: the package ${pkg} (the native binary for ${key}) is not installed. npm installs it as an optional ` +
        'dependency of smolsp: reinstall without --omit=optional / --no-optional (and, on Linux, on a glibc system), ' +
        'or use the .NET tool: dotnet tool install --global smolsp',
    );
  }
}

function fail(message) {
  process.stderr.write(message + '\n');
  process.exit(2);
}

const result = spawnSync(binaryPath(), process.argv.slice(2), { stdio: 'inherit', windowsHide: true });
if (result.error) {
  fail(`smolsp: could not run ${result.error.path ?? 'the native binary'}: ${result.error.message}`);
}
if (result.signal) {
  // Die the way the binary died, so a shell sees the same signal.
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 1);
