// End to end: the SmoLsp.Analyzers package in real `dotnet build`s of `dotnet new mvc` and `dotnet new blazor` apps,
// referenced from a local folder (offline), against `smolsp check` on the same app. Run by scripts/analyzer-e2e.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smolsp-analyzer-e2e-'));
const feed = path.join(work, 'feed');
const env = {
  ...process.env,
  // A cache of its own: never an older SmoLsp.Analyzers 0.1.0 from another run.
  NUGET_PACKAGES: path.join(work, 'packages'),
  DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  // Help links as the package writes them, so `smolsp rules` and the build name the same pages.
  SMOLSP_DOCS_URL: 'https://github.com/smolsp/smolsp/blob/main/rules/docs/',
};
let smolsp;
let catalog;

function run(command, args, cwd, { allowFailure = false } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!allowFailure && result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

before(() => {
  run('dotnet', ['pack', 'server/SmoLsp.Analyzers', '-c', 'Release', '-o', feed, '--nologo', '-v', 'q'], repo);
  smolsp = process.env.SMOLSP_DLL;
  if (!smolsp) {
    run('dotnet', ['build', 'server/SmoLsp.Server', '-c', 'Release', '--nologo', '-v', 'q'], repo);
    smolsp = path.join(repo, 'server/SmoLsp.Server/bin/Release/net10.0/smolsp.dll');
  }
  catalog = new Map(JSON.parse(run('dotnet', [smolsp, 'rules', '--format', 'json'], repo).stdout).map((r) => [r.id, r]));
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

/** `dotnet new TEMPLATE`, with the package referenced from the local feed only. */
function createApp(template) {
  const name = `Acme${template[0].toUpperCase()}${template.slice(1)}`;
  const dir = path.join(work, name);
  run('dotnet', ['new', template, '-o', dir, '-n', name, '--no-restore'], work);
  // SmoLsp.Analyzers only from the local folder; what the template itself needs (Blazor's static framework assets) from NuGet.
  fs.writeFileSync(path.join(dir, 'nuget.config'), `<configuration>
  <packageSources><clear /><add key="local" value="${feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="SmoLsp.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>\n`);
  const csproj = path.join(dir, `${name}.csproj`);
  fs.writeFileSync(csproj, fs.readFileSync(csproj, 'utf8').replace('</Project>',
    '  <ItemGroup>\n    <PackageReference Include="SmoLsp.Analyzers" Version="0.1.0" />\n  </ItemGroup>\n</Project>'));
  return { dir, csproj };
}

/** A full build; its SMO lines (warnings and errors, once each) and the compiler's SARIF log (infos too). */
function build(app, extra = []) {
  const sarif = path.join(app.dir, 'build.sarif');
  fs.rmSync(sarif, { force: true });
  const result = run('dotnet', ['build', '--no-incremental', '-clp:NoSummary', `-p:ErrorLog=${sarif}%2Cversion%3D2.1`, ...extra], app.dir, { allowFailure: true });
  const lines = [...new Set(result.stdout.split('\n').map((l) => l.trim()).filter((l) => /: (warning|error) SMO\d+: /.test(l)))].sort();
  const results = fs.existsSync(sarif) ? JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0].results : [];
  const found = results.filter((r) => r.ruleId.startsWith('SMO')).map((r) => {
    const location = r.locations[0].physicalLocation;
    return `${path.relative(app.dir, new URL(location.artifactLocation.uri).pathname)} ${r.ruleId} ${location.region.startLine}`;
  });
  return { status: result.status, output: result.stdout, lines, found: [...new Set(found)].sort() };
}

/** `smolsp check` on the app: every finding of a rule the package runs, as (file, rule, line) and as the build prints warnings and errors. */
function check(app) {
  const result = run('dotnet', [smolsp, 'check', '.', '--format', 'json'], app.dir, { allowFailure: true });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  const messages = JSON.parse(result.stdout).flatMap((f) => f.messages.map((m) => ({ file: f.filePath, ...m })))
    .filter((m) => catalog.get(m.ruleId)?.inDotnetBuild);
  return {
    found: [...new Set(messages.filter((m) => m.severity !== 'hint').map((m) => `${m.file} ${m.ruleId} ${m.line}`))].sort(),
    lines: [...new Set(messages.filter((m) => m.severity === 'warning' || m.severity === 'error').map((m) =>
      `${path.join(app.dir, m.file)}(${m.line},${m.column}): ${m.severity} ${m.ruleId}: ${m.message} (${catalog.get(m.ruleId).helpLink}) [${app.csproj}]`))].sort(),
  };
}

function lineOf(file, text) {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

for (const template of ['mvc', 'blazor']) {
  test(`dotnet new ${template}: dotnet build reports what smolsp check reports`, async (t) => {
    const app = createApp(template);

    await t.test('the warning lines are exactly check\'s warnings, and the (file, rule, line) set is check\'s', () => {
      const built = build(app);
      const checked = check(app);
      // An error-severity finding fails the build, as it makes `smolsp check` exit 1 (the stock Blazor NotFound page has no title).
      assert.equal(built.status !== 0, checked.lines.some((l) => l.includes(': error SMO')), built.output);
      assert.ok(built.lines.length > 0, 'no SMO warning in the build');
      assert.deepEqual(built.lines, checked.lines);
      assert.deepEqual(built.found, checked.found);
      // The stock layout has no og:title: on </head>, where it must be added.
      const layout = template === 'mvc' ? 'Views/Shared/_Layout.cshtml' : null;
      if (layout) {
        const head = lineOf(path.join(app.dir, layout), '</head>');
        assert.ok(built.lines.some((l) => l.startsWith(`${path.join(app.dir, layout)}(${head},`) && l.includes(': warning SMO001: ')), built.lines.join('\n'));
      }
    });

    await t.test('-warnaserror fails the build on SMO warnings', () => {
      const built = build(app, ['-warnaserror']);
      assert.notEqual(built.status, 0);
      assert.ok(built.lines.some((l) => / error SMO\d+: /.test(l)), built.output);
    });

    await t.test('.globalconfig severities apply', () => {
      const [first] = check(app).lines.map((l) => l.match(/ warning (SMO\d+): /)?.[1]).filter(Boolean);
      assert.ok(first, 'check found no warning to raise');
      fs.writeFileSync(path.join(app.dir, '.globalconfig'), `is_global = true\ndotnet_diagnostic.${first}.severity = error\n`);
      try {
        const built = build(app);
        assert.notEqual(built.status, 0);
        assert.ok(built.lines.some((l) => l.includes(`: error ${first}: `)), built.output);
        assert.ok(!built.lines.some((l) => l.includes(`: warning ${first}: `)), built.output);
      } finally {
        fs.rmSync(path.join(app.dir, '.globalconfig'));
      }
    });

    await t.test('.editorconfig sections apply, as for smolsp check', () => {
      const ids = [...new Set(check(app).lines.map((l) => l.match(/ warning (SMO\d+): /)?.[1]).filter(Boolean))];
      assert.ok(ids.length >= 2, ids.join());
      const [off, error] = ids;
      fs.writeFileSync(path.join(app.dir, '.editorconfig'),
        `root = true\n\n[*.{cshtml,razor}]\ndotnet_diagnostic.${off}.severity = none\ndotnet_diagnostic.${error}.severity = error\n`);
      try {
        const built = build(app);
        const checked = check(app);
        assert.ok(!built.lines.some((l) => l.includes(` ${off}: `)), built.output);
        assert.ok(built.lines.some((l) => l.includes(`: error ${error}: `)), built.output);
        assert.deepEqual(built.lines, checked.lines);
        assert.deepEqual(built.found, checked.found);
      } finally {
        fs.rmSync(path.join(app.dir, '.editorconfig'));
      }
    });
  });
}
