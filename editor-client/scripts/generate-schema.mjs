#!/usr/bin/env node
// Generates schemas/smolsp.schema.json (the JSON schema VS Code uses for smolsp.json) from the rule
// catalog, so completion and validation list exactly the rules the bundled server knows.
//
// The catalog comes from `dotnet <smolsp.dll> rules --format json` when a server is available (--dll,
// $SMOLSP_DLL, or the bundled server/smolsp.dll), else from the committed snapshot schemas/rules.json.
// `--update-snapshot` rewrites the snapshot from the server (and fails when there is none).
//
// Usage: node scripts/generate-schema.mjs [--dll PATH] [--out FILE] [--snapshot FILE] [--update-snapshot]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const extensionRoot = path.resolve(here, '..');
export const defaultSnapshot = path.join(extensionRoot, 'schemas', 'rules.json');
export const defaultOut = path.join(extensionRoot, 'schemas', 'smolsp.schema.json');
export const bundledDll = path.join(extensionRoot, 'server', 'smolsp.dll');

export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
export const TOP_LEVEL_KEYS = ['$schema', 'siteUrl', 'siteName', 'twitterSite', 'profiles', 'webRoot', 'defaultImage', 'engine', 'include', 'exclude', 'rules', 'plugins'];
export const ENGINES = ['jekyll', 'hugo', 'django', 'jinja', 'nunjucks', 'razor', 'html'];
const RULE_ID = /^[A-Za-z][A-Za-z0-9]*\d{3}$/;

/** Severity names the catalog may use, mapped to ours. Numbers are the server's C# enum (Hint = 1 ... Error = 4). */
function severityName(value) {
  if (typeof value === 'number') {
    return { 1: 'hint', 2: 'info', 3: 'warning', 4: 'error' }[value];
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const v = value.trim().toLowerCase();
  const aliases = { warn: 'warning', information: 'info', none: 'off', suggestion: 'info', silent: 'hint' };
  return SEVERITIES.includes(v) ? v : aliases[v];
}

function fixableName(value) {
  if (value === true) {
    return 'safe';
  }
  if (value === false || value === undefined || value === null) {
    return 'none';
  }
  const v = String(value).trim().toLowerCase();
  if (v === 'safeorsuggestion' || v === 'safe-or-suggestion') {
    return 'safe';
  }
  return ['safe', 'suggestion', 'none'].includes(v) ? v : 'none';
}

function thresholdList(value) {
  // Either [{ name, default, description }] (also `defaultValue`) or { name: default }.
  if (Array.isArray(value)) {
    return value
      .filter((t) => t && typeof t.name === 'string')
      .map((t) => ({
        name: t.name,
        default: typeof (t.default ?? t.defaultValue) === 'number' ? (t.default ?? t.defaultValue) : undefined,
        description: typeof t.description === 'string' ? t.description : undefined,
      }));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([name, d]) => ({ name, default: typeof d === 'number' ? d : undefined, description: undefined }));
  }
  return [];
}

/**
 * The catalog in one shape, whatever the server printed: an array (or { rules: [...] }) of objects with
 * id, title, category, defaultSeverity, helpLink, fixable and optional thresholds. Entries without a valid id
 * are dropped; unknown fields are ignored; ids are unique and sorted.
 */
export function normalizeRules(raw) {
  const list = Array.isArray(raw) ? raw : Array.isArray(raw?.rules) ? raw.rules : undefined;
  if (!list) {
    throw new Error('the rule catalog is not a JSON array of rules');
  }
  const byId = new Map();
  for (const item of list) {
    const id = item?.id ?? item?.Id ?? item?.ruleId;
    if (typeof id !== 'string' || !RULE_ID.test(id) || byId.has(id.toUpperCase())) {
      continue;
    }
    const pick = (...keys) => keys.map((k) => item[k]).find((v) => v !== undefined);
    byId.set(id.toUpperCase(), {
      id: id.toUpperCase(),
      title: String(pick('title', 'Title', 'shortDescription') ?? ''),
      category: String(pick('category', 'Category') ?? ''),
      defaultSeverity: severityName(pick('defaultSeverity', 'DefaultSeverity', 'severity')) ?? 'warning',
      enabledByDefault: pick('enabledByDefault', 'EnabledByDefault') !== false,
      fixable: fixableName(pick('fixable', 'Fixable', 'fix')),
      helpLink: typeof pick('helpLink', 'HelpLink', 'helpUri') === 'string' ? pick('helpLink', 'HelpLink', 'helpUri') : undefined,
      thresholds: thresholdList(pick('thresholds', 'Thresholds')),
    });
  }
  if (byId.size === 0) {
    throw new Error('the rule catalog lists no rules');
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function ruleDescription(rule) {
  const severity = rule.enabledByDefault ? rule.defaultSeverity : 'off';
  const fix = rule.fixable === 'none' ? '' : `, ${rule.fixable} fix`;
  return `${rule.id}: ${rule.title} (default: ${severity}${fix})`;
}

function ruleSchema(rule) {
  const description = ruleDescription(rule);
  const thresholds = {};
  for (const t of rule.thresholds) {
    const facts = [t.description, t.default !== undefined ? `default ${t.default}` : undefined].filter(Boolean).join('; ');
    thresholds[t.name] = { type: 'number', description: facts || t.name, ...(t.default !== undefined ? { default: t.default } : {}) };
  }
  return {
    description,
    markdownDescription: `**${rule.id}** ${rule.title}\n\nDefault: \`${rule.enabledByDefault ? rule.defaultSeverity : 'off'}\`` +
      (rule.fixable === 'none' ? '' : ` · fix: ${rule.fixable}`) +
      (rule.helpLink ? `\n\n[Documentation](${rule.helpLink})` : ''),
    anyOf: [
      { $ref: '#/definitions/severity' },
      {
        type: 'object',
        properties: { severity: { $ref: '#/definitions/severity' }, ...thresholds },
        additionalProperties: false,
      },
    ],
  };
}

/** The smolsp.json schema for a normalized catalog. Mirrors the server's ConfigurationParser. */
export function buildSchema(rules, source = 'the rule catalog') {
  const ruleProperties = Object.fromEntries(rules.map((r) => [r.id, ruleSchema(r)]));
  const builtInPrefixes = [...new Set(rules.map((r) => r.id.replace(/\d{3}$/, '')))];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/smolsp/smolsp/editor-client/schemas/smolsp.schema.json',
    $comment: `Generated by editor-client/scripts/generate-schema.mjs from ${source}. Do not edit.`,
    title: 'SmoLsp configuration (smolsp.json)',
    description: 'Settings for SmoLsp; the nearest smolsp.json at or above a template applies to it.',
    type: 'object',
    // VS Code extensions to JSON schema: the server accepts comments and trailing commas.
    allowComments: true,
    allowTrailingCommas: true,
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON schema of this file.' },
      siteUrl: { type: 'string', pattern: '^https?://', description: 'The site\'s absolute base URL, e.g. "https://example.com"; makes og:url and og:image fixes absolute.' },
      siteName: { type: 'string', description: 'The site\'s name, used for og:site_name.' },
      twitterSite: { type: 'string', pattern: '^@[A-Za-z0-9_]+$', description: 'The site\'s X handle, e.g. "@acme".' },
      profiles: { type: 'array', items: { type: 'string', pattern: '^https?://' }, description: 'The site\'s social profile URLs; pages should link to them.' },
      webRoot: { type: 'string', description: 'The folder local image paths resolve against (default: wwwroot when it exists, else the workspace root).' },
      defaultImage: { type: 'string', description: 'The share image fixes insert when a page has none, e.g. "/img/share.png".' },
      engine: { type: 'string', enum: ENGINES, description: 'The template engine that builds the site (default: detected from its folders and markers); "html" composes nothing.' },
      include: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of templates to check (default: all).' },
      exclude: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of templates to skip, e.g. "legacy/**".' },
      rules: {
        type: 'object',
        description: 'Per-rule severity (off, hint, info, warning, error) or { "severity": ..., thresholds }.',
        properties: ruleProperties,
        // Plugin rules use their own prefix; any id outside the built-in prefixes is accepted for them.
        patternProperties: {
          [`^(?!(${builtInPrefixes.join('|')})\\d{3}$)[A-Za-z][A-Za-z0-9]*\\d{3}$`]: {
            description: 'A plugin rule.',
            anyOf: [
              { $ref: '#/definitions/severity' },
              { type: 'object', properties: { severity: { $ref: '#/definitions/severity' } }, additionalProperties: { type: 'number' } },
            ],
          },
        },
        additionalProperties: false,
      },
      plugins: {
        type: 'array',
        items: { type: 'string' },
        description: 'Rule assemblies to load (paths relative to this file). They load only when trusted: `smolsp check --allow-plugins`, or the user setting smolsp.plugins.allow in VS Code.',
      },
    },
    definitions: {
      severity: {
        type: 'string',
        enum: SEVERITIES,
        enumDescriptions: ['Disable the rule.', 'Report as a hint.', 'Report as information.', 'Report as a warning.', 'Report as an error.'],
      },
    },
  };
}

/** Parses the CLI's stdout, tolerating a BOM and log lines around the JSON array. */
export function parseCatalogOutput(stdout) {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf('[');
    const end = text.lastIndexOf(']');
    if (start >= 0 && end > start) {
      return JSON.parse(text.slice(start, end + 1));
    }
    throw new Error('the output is not JSON');
  }
}

/** Runs `dotnet <dll> rules --format json`; returns the raw catalog or throws with the reason. */
export function catalogFromServer(dll, run = spawnSync) {
  const result = run('dotnet', [dll, 'rules', '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    throw new Error(`cannot run dotnet: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`\`dotnet ${dll} rules --format json\` exited with ${result.status}: ${String(result.stderr ?? '').trim().split('\n')[0]}`);
  }
  return parseCatalogOutput(String(result.stdout));
}

/** The dll to ask: explicit, then $SMOLSP_DLL, then the bundled server. */
export function findDll(explicit, env = process.env, exists = existsSync) {
  for (const candidate of [explicit, env.SMOLSP_DLL, bundledDll]) {
    if (candidate && exists(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** The catalog and where it came from; the server when it answers, else the snapshot (with a warning). */
export function loadRules({ dll, snapshot = defaultSnapshot, run = spawnSync, warn = (m) => console.warn(m) } = {}) {
  if (dll) {
    try {
      return { rules: normalizeRules(catalogFromServer(dll, run)), source: `\`smolsp rules --format json\` (${path.basename(dll)})` };
    } catch (error) {
      warn(`generate-schema: ${error.message}; using the snapshot ${path.relative(extensionRoot, snapshot)}`);
    }
  }
  return { rules: normalizeRules(JSON.parse(readFileSync(snapshot, 'utf8'))), source: 'the snapshot schemas/rules.json' };
}

export function serialize(value) {
  return JSON.stringify(value, null, 2) + '\n';
}

function parseArgs(argv) {
  const options = { out: defaultOut, snapshot: defaultSnapshot, updateSnapshot: false, dll: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dll') options.dll = argv[++i];
    else if (a === '--out') options.out = path.resolve(argv[++i]);
    else if (a === '--snapshot') options.snapshot = path.resolve(argv[++i]);
    else if (a === '--update-snapshot') options.updateSnapshot = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const dll = findDll(options.dll);
  if (options.updateSnapshot) {
    if (!dll) {
      throw new Error('--update-snapshot needs a server: pass --dll PATH or set SMOLSP_DLL to a published smolsp.dll');
    }
    const rules = normalizeRules(catalogFromServer(dll));
    writeFileSync(options.snapshot, serialize(rules));
    console.log(`generate-schema: wrote ${rules.length} rules to ${path.relative(process.cwd(), options.snapshot)}`);
  }
  const { rules, source } = loadRules({ dll, snapshot: options.snapshot });
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, serialize(buildSchema(rules, source)));
  console.log(`generate-schema: ${rules.length} rules from ${source} -> ${path.relative(process.cwd(), options.out)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`generate-schema: ${error.message}`);
    process.exit(1);
  }
}
