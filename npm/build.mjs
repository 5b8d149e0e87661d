#!/usr/bin/env node
// Builds the npm packages from published native binaries, the esbuild/Biome way:
//   smolsp                 the `smolsp` command: a tiny JS launcher (smolsp/bin/smolsp.js), the platform packages as optionalDependencies
//   @smolsp/<platform>     one per platform: the native binary only, with "os"/"cpu" (and "libc") so npm installs just the right one
//
// Usage: node npm/build.mjs [--out DIR] PLATFORM=PUBLISH_DIR...
//   e.g. node npm/build.mjs --out artifacts/npm linux-x64=artifacts/native/linux-x64
// Platforms (npm/platforms.json): linux-x64, linux-arm64, darwin-arm64, win32-x64. Every platform is listed in smolsp's
// optionalDependencies; only those given are built. Writes DIR/*.tgz with `npm pack` and prints their names.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const platforms = JSON.parse(readFileSync(path.join(here, 'platforms.json'), 'utf8'));

function version() {
  const csproj = readFileSync(path.join(repo, 'server/SmoLsp.Server/SmoLsp.Server.csproj'), 'utf8');
  const match = /<Version>([^<]+)<\/Version>/.exec(csproj);
  if (!match) throw new Error('no <Version> in SmoLsp.Server.csproj');
  return match[1];
}

const common = (v) => ({
  version: v,
  license: 'MIT',
  homepage: 'https://github.com/smolsp/smolsp#readme',
  repository: { type: 'git', url: 'git+https://github.com/smolsp/smolsp.git' },
});

function pack(dir, out) {
  const printed = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' });
  return path.join(out, printed.trim().split('\n').pop());
}

function main(argv) {
  let out = path.join(repo, 'artifacts/npm');
  const builds = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') {
      out = path.resolve(argv[++i]);
    } else {
      const [name, dir] = argv[i].split('=');
      if (!platforms[name] || !dir) throw new Error(`expected PLATFORM=PUBLISH_DIR with PLATFORM one of ${Object.keys(platforms).join(', ')}: ${argv[i]}`);
      builds.push([name, path.resolve(dir)]);
    }
  }
  if (builds.length === 0) throw new Error('name at least one PLATFORM=PUBLISH_DIR');

  const v = version();
  const staging = path.join(out, 'staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tarballs = [];

  for (const [name, dir] of builds) {
    const p = platforms[name];
    const binary = path.join(dir, p.exe);
    if (!existsSync(binary)) throw new Error(`no ${binary}: run scripts/publish-native.sh ${p.rid} first`);
    const pkgDir = path.join(staging, name);
    mkdirSync(path.join(pkgDir, 'bin'), { recursive: true });
    copyFileSync(binary, path.join(pkgDir, 'bin', p.exe));
    chmodSync(path.join(pkgDir, 'bin', p.exe), 0o755);
    const manifest = {
      name: `@smolsp/${name}`,
      ...common(v),
      description: `The native smolsp binary for ${p.os} ${p.cpu}. Install smolsp, not this package.`,
      os: [p.os],
      cpu: [p.cpu],
      ...(p.libc ? { libc: [p.libc] } : {}),
      preferUnplugged: true,
      files: ['bin/'],
    };
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    writeFileSync(path.join(pkgDir, 'README.md'), `# @smolsp/${name}\n\nThe native \`smolsp\` binary for ${p.os} ${p.cpu}, installed by the \`smolsp\` package. See https://www.npmjs.com/package/smolsp.\n`);
    tarballs.push(pack(pkgDir, out));
  }

  const launcher = path.join(here, 'smolsp/bin/smolsp.js');
  if (!existsSync(launcher)) throw new Error(`no ${launcher}: the launcher of the smolsp command is missing`);
  const mainDir = path.join(staging, 'smolsp');
  cpSync(path.join(here, 'smolsp'), mainDir, { recursive: true });
  const manifest = {
    name: 'smolsp',
    ...common(v),
    description:
      'Finds social-media-optimization problems (Open Graph, X cards, titles, social links) in HTML, Razor and Blazor templates. Native: no .NET needed.',
    keywords: ['seo', 'open-graph', 'twitter-card', 'html', 'razor', 'blazor', 'linter', 'sarif', 'language-server'],
    bin: { smolsp: 'bin/smolsp.js' },
    files: ['bin/', 'README.md'],
    engines: { node: '>=18' },
    optionalDependencies: Object.fromEntries(Object.keys(platforms).map((name) => [`@smolsp/${name}`, v])),
  };
  writeFileSync(path.join(mainDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  tarballs.push(pack(mainDir, out));
  rmSync(staging, { recursive: true, force: true });
  for (const t of tarballs) console.log(t);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`npm/build: ${error.message}`);
  process.exit(2);
}
