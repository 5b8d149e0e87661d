import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeTwitterSite, stderrLine, toInitializationOptions, toServerConfiguration } from '../src/settings';

describe('toServerConfiguration', () => {
  it('gives the server its shape with empty defaults', () => {
    const { configuration, problems } = toServerConfiguration({ enable: true, server: { path: '' }, trace: { server: 'off' }, rules: {}, siteUrl: '', siteName: '', twitterSite: '', profiles: [], plugins: { allow: false } });
    assert.deepEqual(configuration, { siteUrl: null, siteName: null, twitterSite: null, profiles: [], rules: {} });
    assert.deepEqual(problems, []);
  });

  it('sends only smolsp.json keys: the server rejects unknown ones; client-only settings and plugin trust stay out', () => {
    const { configuration } = toServerConfiguration({ enable: false, server: { path: '/x' }, trace: { server: 'verbose' }, plugins: { allow: true } });
    assert.deepEqual(Object.keys(configuration).sort(), ['profiles', 'rules', 'siteName', 'siteUrl', 'twitterSite']);
  });

  it('maps and normalizes values', () => {
    const { configuration } = toServerConfiguration({
      siteUrl: ' https://acme.example/ ',
      siteName: 'Acme',
      twitterSite: 'acme',
      profiles: ['https://github.com/acme', ' https://x.com/acme '],
      rules: { smo203: 'OFF', SMO001: 'error', ACME001: 'warning' },
    });
    assert.deepEqual(configuration, {
      siteUrl: 'https://acme.example',
      siteName: 'Acme',
      twitterSite: '@acme',
      profiles: ['https://github.com/acme', 'https://x.com/acme'],
      rules: { SMO203: 'off', SMO001: 'error', ACME001: 'warning' },
    });
  });

  it('ignores bad values and says why', () => {
    const { configuration, problems } = toServerConfiguration({
      siteName: 42,
      profiles: ['https://github.com/acme', 7, ''],
      rules: { 'not a rule': 'off', SMO204: 'loud', SMO205: 3, SMO206: 'warning' },
    });
    assert.equal(configuration.siteName, null);
    assert.deepEqual(configuration.profiles, ['https://github.com/acme']);
    assert.deepEqual(configuration.rules, { SMO206: 'warning' });
    assert.equal(problems.length, 6);
    assert.ok(problems.some((p) => p.includes("'not a rule' is not a rule id")));
    assert.ok(problems.some((p) => p.includes('smolsp.rules.SMO204: "loud" is not one of off, hint, info, warning, error')));
    assert.ok(problems.some((p) => p.startsWith('smolsp.siteName must be a string')));
  });

  it('survives a missing or malformed section', () => {
    for (const section of [undefined, null, 'x', [], { rules: 'off', profiles: 'https://a' }]) {
      const { configuration } = toServerConfiguration(section);
      assert.deepEqual(configuration.rules, {});
      assert.deepEqual(configuration.profiles, []);
    }
  });
});

describe('toInitializationOptions', () => {
  it('trusts plugins only for a literal true, and always asks for the log with its levels', () => {
    assert.deepEqual(toInitializationOptions(true), { allowPlugins: true, logMessages: true });
    for (const value of [false, undefined, null, 'true', 1, {}]) {
      assert.deepEqual(toInitializationOptions(value), { allowPlugins: false, logMessages: true });
    }
  });

  it('passes a rule docs base URL only when it is an absolute http(s) or file URL', () => {
    assert.equal(toInitializationOptions(false, ' https://docs.acme.example/smolsp/ ').docsBaseUrl, 'https://docs.acme.example/smolsp/');
    assert.equal(toInitializationOptions(false, 'file:///opt/smolsp/docs/rules/').docsBaseUrl, 'file:///opt/smolsp/docs/rules/');
    for (const value of ['', 'docs/rules', 'javascript:alert(1)', 42, undefined]) {
      assert.equal(toInitializationOptions(false, value).docsBaseUrl, undefined, String(value));
    }
  });
});

describe('stderrLine', () => {
  it('maps the server\'s level prefix to the log channel\'s levels', () => {
    assert.deepEqual(stderrLine('[12:00:01.123 INF] smolsp 0.1.0 language server started'), { level: 'info', message: 'smolsp 0.1.0 language server started' });
    assert.deepEqual(stderrLine('[12:00:01.123 WRN] Client process 12 is gone'), { level: 'warn', message: 'Client process 12 is gone' });
    assert.equal(stderrLine('[12:00:01.123 ERR] boom').level, 'error');
    assert.equal(stderrLine('[12:00:01.123 FTL] boom').level, 'error');
    assert.equal(stderrLine('[12:00:01.123 DBG] x').level, 'debug');
    assert.equal(stderrLine('[12:00:01.123 VRB] --> x').level, 'trace');
  });

  it('keeps the level of the line before for continuation lines (a stack trace)', () => {
    assert.deepEqual(stderrLine('   at SmoLsp.Server.Program.Main()', 'error'), { level: 'error', message: '   at SmoLsp.Server.Program.Main()' });
    assert.equal(stderrLine('Unhandled exception.').level, 'info');
  });
});

describe('normalizeTwitterSite', () => {
  it('turns handles and profile URLs into @handle', () => {
    assert.equal(normalizeTwitterSite('@acme'), '@acme');
    assert.equal(normalizeTwitterSite('acme'), '@acme');
    assert.equal(normalizeTwitterSite('https://x.com/acme'), '@acme');
    assert.equal(normalizeTwitterSite('https://twitter.com/@acme/'), '@acme');
  });
});
