// package.json against the facts that break an extension at install or run time: the VS Code version the
// language client needs, the typings it was compiled against, and contributions the code relies on.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as semver from 'semver';
import { COMMANDS, FILE_PATTERNS, LANGUAGE_IDS } from '../src/contributions';
import { readJson, root } from './helpers';

const pkg = readJson('package.json');
const properties: Record<string, any> = pkg.contributes.configuration.properties;
const source = (file: string) => readFileSync(path.join(root, 'src', file), 'utf8');

describe('versions', () => {
  const client = readJson('node_modules/vscode-languageclient/package.json');

  it('engines.vscode satisfies vscode-languageclient\'s engines.vscode', () => {
    const ours = pkg.engines.vscode;
    const theirs = client.engines.vscode;
    assert.ok(semver.validRange(ours), `engines.vscode '${ours}' is a range`);
    assert.ok(semver.subset(ours, theirs), `every VS Code allowed by '${ours}' must satisfy the client's '${theirs}'`);
  });

  it('@types/vscode is not newer than engines.vscode (vsce refuses to package otherwise)', () => {
    const typesRange = pkg.devDependencies['@types/vscode'];
    const installed = readJson('node_modules/@types/vscode/package.json').version;
    const floor = semver.minVersion(pkg.engines.vscode)!;
    assert.ok(semver.lte(semver.minVersion(typesRange)!, floor), `@types/vscode ${typesRange} > ${floor}`);
    assert.ok(semver.lte(installed, floor), `installed @types/vscode ${installed} > ${floor}`);
  });

  it('the lockfile pins the vscode-languageclient the manifest names', () => {
    const lock = readJson('package-lock.json');
    assert.equal(lock.packages['node_modules/vscode-languageclient'].version, pkg.dependencies['vscode-languageclient']);
    assert.equal(client.version, pkg.dependencies['vscode-languageclient']);
  });

  it('@vscode/vsce is 3.9.x, which runs on this Node (4.x needs Node 22)', () => {
    const vsce = readJson('node_modules/@vscode/vsce/package.json');
    assert.ok(semver.satisfies(vsce.version, '3.9.x'), vsce.version);
    assert.ok(semver.satisfies(process.version, vsce.engines.node), `Node ${process.version} vs ${vsce.engines.node}`);
  });
});

describe('identity', () => {
  it('names, publisher, category, entry point', () => {
    assert.equal(pkg.name, 'smolsp');
    assert.equal(pkg.publisher, 'smolsp');
    assert.ok(pkg.displayName && pkg.description);
    assert.deepEqual(pkg.categories, ['Linters']);
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.repository, 'vsce prompts without a repository');
  });

  it('LICENSE, README and CHANGELOG exist; the CHANGELOG has this version', () => {
    const license = readFileSync(path.join(root, 'LICENSE'), 'utf8');
    assert.match(license, /MIT License/);
    assert.match(license, /SmoLsp contributors/);
    assert.ok(existsSync(path.join(root, 'README.md')));
    assert.match(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}`));
  });
});

describe('activation', () => {
  it('activates on every language id and on workspaces with templates', () => {
    for (const id of LANGUAGE_IDS) {
      assert.ok(pkg.activationEvents.includes(`onLanguage:${id}`), id);
    }
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/*.{cshtml,razor,html}'));
    for (const pattern of FILE_PATTERNS) {
      const ext = pattern.replace('**/*.', '');
      assert.ok(pkg.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes(ext)), ext);
    }
  });
});

describe('configuration', () => {
  it('every property is prefixed smolsp., described, typed and has a default', () => {
    assert.ok(Object.keys(properties).length > 0);
    for (const [key, p] of Object.entries(properties)) {
      assert.match(key, /^smolsp\./);
      assert.ok(typeof p.description === 'string' && p.description.length > 20, `${key} has a description`);
      assert.ok(p.type, `${key} has a type`);
      assert.ok('default' in p, `${key} has a default`);
    }
  });

  it('has the settings the issue lists', () => {
    assert.deepEqual(Object.keys(properties).sort(), [
      'smolsp.docs.baseUrl',
      'smolsp.enable',
      'smolsp.plugins.allow',
      'smolsp.profiles',
      'smolsp.rules',
      'smolsp.server.path',
      'smolsp.siteName',
      'smolsp.siteUrl',
      'smolsp.trace.server',
      'smolsp.twitterSite',
    ]);
    assert.deepEqual(properties['smolsp.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(properties['smolsp.rules'].additionalProperties.enum, ['off', 'hint', 'info', 'warning', 'error']);
  });

  it('plugin trust is user-level; an untrusted folder cannot pick the server binary', () => {
    assert.ok(['application', 'machine'].includes(properties['smolsp.plugins.allow'].scope));
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('smolsp.server.path'));
  });

  it('every setting the code reads is contributed', () => {
    const code = source('extension.ts');
    const read = [...code.matchAll(/\.(?:get|inspect)<[^>]+>\('([^']+)'/g)].map((m) => `smolsp.${m[1]}`);
    const watched = [...code.matchAll(/affectsConfiguration\('([^']+)'\)/g)].map((m) => m[1]);
    assert.ok(read.length >= 3 && watched.length >= 3, JSON.stringify({ read, watched }));
    for (const key of [...read, ...watched]) {
      assert.ok(key in properties, `${key} is contributed`);
    }
  });
});

describe('commands', () => {
  const contributed: Array<{ command: string; title: string; category?: string }> = pkg.contributes.commands;

  it('every command has a title and the SmoLsp category', () => {
    for (const c of contributed) {
      assert.ok(c.title && c.title.length > 3, `${c.command} has a title`);
      assert.equal(c.category, 'SmoLsp');
    }
    assert.deepEqual(
      contributed.map((c) => `${c.category}: ${c.title}`),
      ['SmoLsp: Fix all SMO problems in this file', 'SmoLsp: Show share preview', 'SmoLsp: Restart server', 'SmoLsp: Show output'],
    );
  });

  it('every command the code uses is contributed, and every contributed command is registered', () => {
    const ids = new Set(contributed.map((c) => c.command));
    assert.deepEqual(new Set(Object.values(COMMANDS)), ids);
    const code = source('extension.ts') + source('contributions.ts');
    const registered = [...code.matchAll(/registerCommand\(COMMANDS\.(\w+)/g)].map((m) => (COMMANDS as Record<string, string>)[m[1]]);
    assert.deepEqual(new Set(registered), ids);
    const literal = [...code.matchAll(/['"](smolsp\.[A-Za-z]+)['"]/g)].map((m) => m[1]).filter((c) => !(c in properties) && c !== 'smolsp.status');
    for (const c of literal) {
      assert.ok(ids.has(c), `${c} is contributed`);
    }
    for (const entry of [...pkg.contributes.menus.commandPalette, ...pkg.contributes.menus['editor/title']]) {
      assert.ok(ids.has(entry.command), entry.command);
    }
  });
});

describe('share preview', () => {
  it('has a button in the editor title bar of templates', () => {
    const [button] = pkg.contributes.menus['editor/title'];
    assert.equal(button.command, COMMANDS.showPreview);
    assert.equal(button.group, 'navigation');
    assert.match(button.when, /html\|razor\|aspnetcorerazor/);
    assert.match(pkg.contributes.commands.find((c: { command: string }) => c.command === COMMANDS.showPreview).icon, /^\$\(.+\)$/);
  });
});

describe('smolsp.json', () => {
  it('jsonValidation points at the generated schema, which the build writes', () => {
    const [validation] = pkg.contributes.jsonValidation;
    assert.equal(validation.fileMatch, 'smolsp.json');
    const schemaPath = path.join(root, validation.url);
    assert.ok(existsSync(schemaPath), `${validation.url} exists (npm run build)`);
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    assert.ok(Object.keys(schema.properties.rules.properties).length > 0);
  });

  it('is edited as JSON with comments, as the server accepts', () => {
    assert.deepEqual(pkg.contributes.languages, [{ id: 'jsonc', filenames: ['smolsp.json'] }]);
  });
});

describe('.vscodeignore', () => {
  const ignored = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('keeps sources, tests and node_modules out of the .vsix and the runtime files in', () => {
    for (const pattern of ['src/**', 'test/**', 'out/**', 'node_modules/**', 'scripts/**']) {
      assert.ok(ignored.includes(pattern), pattern);
    }
    for (const kept of ['dist', 'server', 'schemas/smolsp.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
      assert.ok(!ignored.some((p) => p.startsWith(kept) || p === '**'), `${kept} is shipped`);
    }
  });
});
