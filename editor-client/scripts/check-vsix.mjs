#!/usr/bin/env node
// `npm run check-vsix`: lists the .vsix (a zip), asserts what must and must not be inside, then unpacks it
// and checks that the bundled server starts: `dotnet server/smolsp.dll --version` (universal package) or
// `server/native/smolsp --version` with no dotnet on PATH (platform package), and a short initialize / shutdown / exit
// exchange over stdio, started the way the extension starts it.
//
// Usage: node scripts/check-vsix.mjs [FILE.vsix] [--no-run] [--no-initialize]
//   default FILE: smolsp-<package.json version>.vsix next to package.json
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Each requirement: a label and the entry names (vsce lower-cases README/CHANGELOG, renames LICENSE) that satisfy it. */
export const REQUIRED = [
  ['the extension manifest', ['extension/package.json']],
  ['the bundled client', ['extension/dist/extension.js']],
  ['the share-card renderer', ['extension/dist/media/share-cards.js']],
  ['the Share preview script', ['extension/dist/media/share-preview.js']],
  ['the Share preview styles', ['extension/dist/media/share-preview.css']],
  ['the server', ['extension/server/smolsp.dll']],
  ['the server runtime config', ['extension/server/smolsp.runtimeconfig.json']],
  ['the server dependency manifest', ['extension/server/smolsp.deps.json']],
  ['the smolsp.json schema', ['extension/schemas/smolsp.schema.json']],
  ['README', ['extension/readme.md', 'extension/README.md']],
  ['LICENSE', ['extension/LICENSE.txt', 'extension/LICENSE', 'extension/license.txt', 'extension/LICENSE.md']],
  ['CHANGELOG', ['extension/changelog.md', 'extension/CHANGELOG.md']],
];

/** Build inputs that must never ship (they would mean .vscodeignore or --no-dependencies broke). */
export const FORBIDDEN = [/^extension\/node_modules\//, /^extension\/src\//, /^extension\/test\//, /^extension\/out\//, /^extension\/scripts\//, /\.map$/, /\.vsix$/];

/** A platform .vsix (`npm run package -- --target RID`) ships the native server instead of the framework-dependent one. */
export const NATIVE_SERVER = /^extension\/server\/native\/smolsp(\.exe)?$/;
const DLL_SERVER_PARTS = new Set(['the server', 'the server runtime config', 'the server dependency manifest']);

export function isNativePackage(names) {
  return names.some((n) => NATIVE_SERVER.test(n));
}

/** What a package must hold: the universal one's list, or with the native server in place of the dll's three files. */
export function requiredFor(names) {
  if (!isNativePackage(names)) {
    return REQUIRED;
  }
  const native = names.find((n) => NATIVE_SERVER.test(n));
  const list = [];
  for (const entry of REQUIRED) {
    if (!DLL_SERVER_PARTS.has(entry[0])) {
      list.push(entry);
    } else if (entry[0] === 'the server') {
      list.push(['the native server', [native]]);
    }
  }
  return list;
}

export function checkEntries(names) {
  const set = new Set(names);
  const missing = requiredFor(names).filter(([, options]) => !options.some((o) => set.has(o))).map(([label, options]) => `${label} (${options[0]})`);
  const forbidden = names.filter((n) => FORBIDDEN.some((re) => re.test(n)));
  return { missing, forbidden };
}

/** Reads every entry of a zip into memory (a .vsix is a few MB). */
export function readZip(file) {
  const yauzl = require('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) {
        return reject(error);
      }
      const entries = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) {
          return zip.readEntry();
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err) {
            return reject(err);
          }
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, size: entry.uncompressedSize, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.readEntry();
    });
  });
}

function unpack(entries) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smolsp-vsix-'));
  for (const e of entries) {
    const target = path.join(dir, e.name);
    if (!target.startsWith(dir + path.sep)) {
      throw new Error(`unsafe entry name ${e.name}`);
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, e.data);
  }
  return dir;
}

/** initialize -> initialized -> shutdown -> exit, expecting exit code 0; the extension's own command line. */
async function initializeExchange(command, args, cwd, env = process.env) {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const child = spawn(command, [...args, '--stdio'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest(() => null);
  connection.listen();
  const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms).unref());
  try {
    const result = await Promise.race([
      connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, clientInfo: { name: 'check-vsix' } }),
      exited.then((code) => Promise.reject(new Error(`the server exited with ${code} before answering initialize`))),
      timeout(30_000, 'initialize'),
    ]);
    if (!result || typeof result.capabilities !== 'object') {
      throw new Error(`initialize answered without capabilities: ${JSON.stringify(result)}`);
    }
    await connection.sendNotification('initialized', {});
    await Promise.race([connection.sendRequest('shutdown'), timeout(10_000, 'shutdown')]);
    await connection.sendNotification('exit');
    const code = await Promise.race([exited, timeout(10_000, 'exit')]);
    if (code !== 0) {
      throw new Error(`exit after shutdown gave exit code ${code}`);
    }
    return result;
  } catch (error) {
    child.kill();
    error.message += stderr ? `\nserver stderr:\n${stderr.trim()}` : '';
    throw error;
  } finally {
    connection.dispose();
  }
}

/** PATH without the folders that hold `program` (the real one: a native server must not need it). */
export function pathWithout(program, pathVar, exists = existsSync) {
  const sep = process.platform === 'win32' ? ';' : ':';
  const names = process.platform === 'win32' ? [`${program}.exe`, `${program}.cmd`] : [program];
  return pathVar
    .split(sep)
    .filter((dir) => dir && !names.some((n) => exists(path.join(dir, n))))
    .join(sep);
}

async function loadServerResolution(tmp) {
  const esbuild = await import('esbuild');
  const outfile = path.join(tmp, 'serverResolution.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'src', 'serverResolution.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  return require(outfile);
}

async function main() {
  const args = process.argv.slice(2);
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, `smolsp-${version}.vsix`));
  const entries = await readZip(file);
  console.log(`${path.basename(file)}: ${entries.length} files`);
  for (const e of entries.slice().sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
  }
  const { missing, forbidden } = checkEntries(entries.map((e) => e.name));
  const failures = [...missing.map((m) => `missing: ${m}`), ...forbidden.map((f) => `must not ship: ${f}`)];
  const manifest = JSON.parse(entries.find((e) => e.name === 'extension/package.json').data.toString('utf8'));
  if (manifest.version !== version) {
    failures.push(`the .vsix is version ${manifest.version}, package.json says ${version}: stale file?`);
  }
  if (failures.length > 0) {
    failures.forEach((f) => console.error(`check-vsix: ${f}`));
    process.exit(1);
  }
  console.log('check-vsix: contents ok');
  if (args.includes('--no-run')) {
    return;
  }

  const dir = unpack(entries);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const names = entries.map((e) => e.name);
  const native = isNativePackage(names);
  // A platform package must run where no .NET is installed: its server starts with a PATH that has no dotnet.
  const env = { ...process.env };
  delete env.SMOLSP_SERVER_PATH;
  if (native) {
    env.PATH = pathWithout('dotnet', env.PATH ?? '');
    delete env.DOTNET_ROOT;
  }
  let versionRun;
  if (native) {
    const exe = path.join(dir, names.find((n) => NATIVE_SERVER.test(n)));
    chmodSync(exe, 0o755); // zip entries carry no mode bits here; VS Code's installer keeps the package's
    versionRun = spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 60_000, env });
  } else {
    const dll = path.join(dir, 'extension', 'server', 'smolsp.dll');
    versionRun = spawnSync('dotnet', [dll, '--version'], { encoding: 'utf8', timeout: 60_000 });
  }
  if (versionRun.status !== 0) {
    console.error(`check-vsix: the bundled server's --version failed (${versionRun.status ?? versionRun.error?.message}): ${versionRun.stderr}`);
    process.exit(1);
  }
  console.log(`check-vsix: bundled server version ${versionRun.stdout.trim()}`);
  if (args.includes('--no-initialize')) {
    return;
  }
  // The extension's own resolution decides the command line, as in VS Code (compiled here from the source
  // so this script does not depend on a test build having run).
  const { resolveServer, nodeResolutionHost } = await loadServerResolution(dir);
  const resolution = resolveServer({ extensionPath: path.join(dir, 'extension') }, nodeResolutionHost(env));
  if (!resolution.ok) {
    console.error(`check-vsix: ${resolution.message}`);
    process.exit(1);
  }
  const expected = native ? 'bundled-native' : 'bundled';
  if (resolution.source !== expected) {
    console.error(`check-vsix: the extension would start ${resolution.description}, expected the ${expected} server`);
    process.exit(1);
  }
  console.log(`check-vsix: the extension starts ${resolution.description}`);
  try {
    const result = await initializeExchange(resolution.command, resolution.args, dir, env);
    const name = result.serverInfo ? `${result.serverInfo.name} ${result.serverInfo.version ?? ''}`.trim() : 'the server';
    console.log(`check-vsix: ${name} answered initialize and exited 0 after shutdown/exit`);
  } catch (error) {
    console.error(`check-vsix: the bundled server failed the initialize exchange: ${error.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`check-vsix: ${error.message}`);
    process.exit(1);
  });
}
