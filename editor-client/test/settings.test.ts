import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeTwitterSite, toInitializationOptions, toServerConfiguration } from '../src/settings';

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
  it('trusts plugins only for a literal true', () => {
    assert.deepEqual(toInitializationOptions(true), { allowPlugins: true });
    for (const value of [false, undefined, null, 'true', 1, {}]) {
      assert.deepEqual(toInitializationOptions(value), { allowPlugins: false });
    }
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
