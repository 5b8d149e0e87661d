import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { importScript, readJson, root, tempDir } from './helpers';

const generator = () => importScript('generate-schema.mjs');

/** VS Code reads these schema keywords; ajv only needs to know they are not typos. */
function validator(schema: object) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(schema);
}

/** The shape `smolsp rules --format json` prints on the CLI branch (fixable as a string, extra fields). */
const cliOutput = [
  { id: 'SMO203', title: 'Title too long', category: 'titles', defaultSeverity: 'warning', enabledByDefault: true, fixable: 'none', helpLink: 'https://h/SMO203.md', thresholds: [{ name: 'maxLength', default: 60, description: 'Google truncates' }] },
  { id: 'SMO001', title: 'Missing og:title', category: 'open-graph', defaultSeverity: 'warning', fixable: true, helpLink: 'https://h/SMO001.md', extra: { x: 1 } },
  { id: 'SMO901', title: 'Unused suppression', category: 'engine', defaultSeverity: 'hint', fixable: 'suggestion' },
];

describe('normalizeRules', () => {
  it('accepts the assumed CLI shape and sorts by id', async () => {
    const { normalizeRules } = await generator();
    const rules = normalizeRules(cliOutput);
    assert.deepEqual(rules.map((r: any) => r.id), ['SMO001', 'SMO203', 'SMO901']);
    assert.equal(rules[0].fixable, 'safe');
    assert.equal(rules[2].fixable, 'suggestion');
    assert.deepEqual(rules[1].thresholds, [{ name: 'maxLength', default: 60, description: 'Google truncates' }]);
  });

  it('tolerates variants: a wrapper object, PascalCase, thresholds as a map, numeric severities, junk entries', async () => {
    const { normalizeRules } = await generator();
    const rules = normalizeRules({
      rules: [
        { Id: 'smo204', Title: 'Weak title', DefaultSeverity: 2, Thresholds: { minLength: 30 } },
        { id: 'SMO204', title: 'duplicate, ignored' },
        { title: 'no id' },
        null,
        { id: 'bad id' },
        { id: 'SMO205', defaultSeverity: 'Information', thresholds: [{ name: 'x', defaultValue: 3 }] },
      ],
    });
    assert.deepEqual(rules.map((r: any) => [r.id, r.defaultSeverity]), [['SMO204', 'info'], ['SMO205', 'info']]);
    assert.deepEqual(rules[0].thresholds, [{ name: 'minLength', default: 30, description: undefined }]);
    assert.equal(rules[1].thresholds[0].default, 3);
  });

  it('refuses output that is not a catalog', async () => {
    const { normalizeRules } = await generator();
    assert.throws(() => normalizeRules({ error: 'x' }), /not a JSON array/);
    assert.throws(() => normalizeRules([]), /no rules/);
  });
});

describe('buildSchema', () => {
  it('lists every rule with a severity string or a { severity, thresholds } object', async () => {
    const { normalizeRules, buildSchema } = await generator();
    const schema = buildSchema(normalizeRules(cliOutput));
    assert.deepEqual(Object.keys(schema.properties.rules.properties), ['SMO001', 'SMO203', 'SMO901']);
    const validate = validator(schema);
    const good = [
      {},
      { rules: { SMO001: 'off', SMO203: { severity: 'error', maxLength: 70 } } },
      { rules: { SMO203: { maxLength: 65 } } },
      { rules: { ACME001: 'warning', ACME002: { severity: 'info', limit: 3 } } },
    ];
    for (const config of good) {
      assert.ok(validate(config), JSON.stringify(config) + ' ' + JSON.stringify(validate.errors));
    }
    const bad = [
      { rules: { SMO999: 'off' } },
      { rules: { SMO001: 'loud' } },
      { rules: { SMO001: { severity: 'off', maxLength: 3 } } },
      { rules: { SMO203: { maxLength: 'long' } } },
      { rule: {} },
      { twitterSite: 'acme' },
      { siteUrl: 'acme.example' },
    ];
    for (const config of bad) {
      assert.ok(!validate(config), JSON.stringify(config) + ' should be rejected');
    }
  });

  it('has exactly the top-level keys the server parses, each described', async () => {
    const { normalizeRules, buildSchema, TOP_LEVEL_KEYS } = await generator();
    const schema = buildSchema(normalizeRules(cliOutput));
    assert.deepEqual(Object.keys(schema.properties), TOP_LEVEL_KEYS);
    assert.deepEqual(TOP_LEVEL_KEYS, ['$schema', 'siteUrl', 'siteName', 'twitterSite', 'profiles', 'webRoot', 'defaultImage', 'engine', 'include', 'exclude', 'rules', 'plugins']);
    assert.equal(schema.additionalProperties, false);
    for (const [key, value] of Object.entries<any>(schema.properties)) {
      assert.ok(value.description, `${key} has a description`);
    }
    assert.equal(schema.allowComments, true);
    assert.equal(schema.allowTrailingCommas, true);
  });

  it('accepts the README example configuration', async () => {
    const { normalizeRules, buildSchema, defaultSnapshot } = await generator();
    const validate = validator(buildSchema(normalizeRules(JSON.parse(readFileSync(defaultSnapshot, 'utf8')))));
    const readme = readFileSync(path.join(root, '..', 'README.md'), 'utf8');
    const example = /## Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
    assert.ok(example, 'the root README has a smolsp.json example');
    const config = JSON.parse(example[1]);
    assert.ok(validate(config), JSON.stringify(validate.errors));
  });
});

describe('catalog source', () => {
  it('asks the server with `dotnet <dll> rules --format json` and tolerates noise around the JSON', async () => {
    const { loadRules } = await generator();
    const calls: unknown[][] = [];
    const run = (cmd: string, args: string[]) => {
      calls.push([cmd, ...args]);
      return { status: 0, stdout: '\uFEFFinfo: starting\n' + JSON.stringify(cliOutput) + '\n', stderr: '' };
    };
    const { rules, source } = loadRules({ dll: '/pub/smolsp.dll', run, warn: () => assert.fail('no warning expected') });
    assert.deepEqual(calls, [['dotnet', '/pub/smolsp.dll', 'rules', '--format', 'json']]);
    assert.equal(rules.length, 3);
    assert.match(source, /smolsp rules --format json/);
  });

  it('falls back to the snapshot, with a warning, when the server cannot answer', async () => {
    const { loadRules } = await generator();
    const warnings: string[] = [];
    const run = () => ({ status: 2, stdout: '', stderr: 'smolsp rules: not implemented yet\n' });
    const { rules, source } = loadRules({ dll: '/pub/smolsp.dll', run, warn: (m: string) => warnings.push(m) });
    assert.match(source, /snapshot/);
    assert.ok(rules.length > 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /exited with 2: smolsp rules: not implemented yet; using the snapshot/);
  });

  it('finds the dll: explicit, then SMOLSP_DLL, then the bundled server', async () => {
    const { findDll, bundledDll } = await generator();
    const exists = (p: string) => ['/a.dll', '/env.dll', bundledDll].includes(p);
    assert.equal(findDll('/a.dll', { SMOLSP_DLL: '/env.dll' }, exists), '/a.dll');
    assert.equal(findDll(undefined, { SMOLSP_DLL: '/env.dll' }, exists), '/env.dll');
    assert.equal(findDll(undefined, { SMOLSP_DLL: '/missing.dll' }, exists), bundledDll);
    assert.equal(findDll(undefined, {}, () => false), undefined);
  });
});

describe('the committed snapshot and the generated schema', () => {
  it('the snapshot is a valid catalog with unique, well-formed ids', async () => {
    const { normalizeRules } = await generator();
    const raw = readJson<any[]>('schemas/rules.json');
    const rules = normalizeRules(raw);
    assert.equal(rules.length, raw.length, 'no entry was dropped');
    for (const r of rules) {
      assert.match(r.id, /^SMO\d{3}$/);
      assert.ok(r.title.length > 0, `${r.id} has a title`);
      assert.ok(['off', 'hint', 'info', 'warning', 'error'].includes(r.defaultSeverity));
    }
  });

  it('the command line writes a schema file', async () => {
    const out = path.join(tempDir(), 'smolsp.schema.json');
    const { spawnSync } = await import('node:child_process');
    // Whichever catalog it finds (a bundled server after `npm run package`, else the snapshot), SMO001 is in it.
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate-schema.mjs'), '--out', out], { encoding: 'utf8', env: { ...process.env, SMOLSP_DLL: '' } });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(out));
    const schema = JSON.parse(readFileSync(out, 'utf8'));
    assert.ok(Object.keys(schema.properties.rules.properties).includes('SMO001'));
  });
});
