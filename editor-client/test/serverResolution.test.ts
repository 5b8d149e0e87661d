import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expandPath,
  findDotnet,
  findOnPath,
  OPEN_SETTINGS_ACTION,
  ResolutionHost,
  resolveServer,
  ServerResolution,
} from '../src/serverResolution';

/** An in-memory file system: paths ending in '/' are folders. */
function host(files: string[], env: Record<string, string | undefined> = {}, platform: NodeJS.Platform = 'linux'): ResolutionHost {
  const set = new Set(files);
  return {
    env: { PATH: '/usr/bin', HOME: '/home/me', ...env },
    platform,
    stat: (p) => (set.has(p) ? 'file' : set.has(p + '/') || set.has(p + '\\') ? 'directory' : undefined),
  };
}

const ext = '/ext';
const bundled = '/ext/server/smolsp.dll';
const dotnet = '/usr/bin/dotnet';

function ok(r: ServerResolution) {
  assert.equal(r.ok, true, r.ok ? '' : r.message);
  return r as Extract<ServerResolution, { ok: true }>;
}
function failed(r: ServerResolution) {
  assert.equal(r.ok, false, 'expected an error');
  return r as Extract<ServerResolution, { ok: false }>;
}

describe('resolveServer: order', () => {
  it('uses the bundled dll with dotnet when nothing is configured', () => {
    const r = ok(resolveServer({ extensionPath: ext }, host([bundled, dotnet])));
    assert.equal(r.source, 'bundled');
    assert.equal(r.command, dotnet);
    assert.deepEqual(r.args, [bundled, 'lsp']);
    assert.match(r.description, /bundled.*\/usr\/bin\/dotnet \/ext\/server\/smolsp\.dll lsp --stdio/);
  });

  it('prefers the setting over the bundled server', () => {
    const r = ok(resolveServer({ extensionPath: ext, settingPath: '/opt/smolsp/smolsp.dll' }, host([bundled, dotnet, '/opt/smolsp/smolsp.dll'])));
    assert.equal(r.source, 'setting');
    assert.deepEqual(r.args, ['/opt/smolsp/smolsp.dll', 'lsp']);
  });

  it('prefers SMOLSP_SERVER_PATH over the setting', () => {
    const h = host([bundled, dotnet, '/opt/a/smolsp.dll', '/opt/b/smolsp.dll'], { SMOLSP_SERVER_PATH: '/opt/a/smolsp.dll' });
    const r = ok(resolveServer({ extensionPath: ext, settingPath: '/opt/b/smolsp.dll' }, h));
    assert.equal(r.source, 'environment');
    assert.deepEqual(r.args, ['/opt/a/smolsp.dll', 'lsp']);
  });

  it('ignores blank values', () => {
    const r = ok(resolveServer({ extensionPath: ext, settingPath: '   ' }, host([bundled, dotnet], { SMOLSP_SERVER_PATH: '' })));
    assert.equal(r.source, 'bundled');
  });
});

describe('resolveServer: executables and folders', () => {
  it('runs a path not ending in .dll directly, without dotnet', () => {
    const r = ok(resolveServer({ extensionPath: ext, settingPath: '/opt/smolsp/smolsp' }, host(['/opt/smolsp/smolsp'], { PATH: '' })));
    assert.equal(r.command, '/opt/smolsp/smolsp');
    assert.deepEqual(r.args, ['lsp']);
  });

  it('treats .DLL case-insensitively', () => {
    const r = ok(resolveServer({ extensionPath: ext, settingPath: '/opt/SmoLsp.DLL' }, host(['/opt/SmoLsp.DLL', dotnet])));
    assert.equal(r.command, dotnet);
  });

  it('accepts a publish folder holding smolsp.dll', () => {
    const r = ok(resolveServer({ extensionPath: ext, settingPath: '/pub' }, host(['/pub/', '/pub/smolsp.dll', dotnet])));
    assert.deepEqual(r.args, ['/pub/smolsp.dll', 'lsp']);
  });

  it('reports a folder without a server', () => {
    const e = failed(resolveServer({ extensionPath: ext, settingPath: '/pub' }, host(['/pub/', dotnet])));
    assert.match(e.message, /folder \/pub.*no smolsp\.dll/);
  });

  it('resolves relative setting paths and ${workspaceFolder} against the workspace', () => {
    const h = host(['/ws/artifacts/smolsp/smolsp.dll', dotnet]);
    assert.equal(ok(resolveServer({ extensionPath: ext, workspaceFolder: '/ws', settingPath: 'artifacts/smolsp/smolsp.dll' }, h)).serverPath, '/ws/artifacts/smolsp/smolsp.dll');
    assert.equal(ok(resolveServer({ extensionPath: ext, workspaceFolder: '/ws', settingPath: '${workspaceFolder}/artifacts/smolsp/smolsp.dll' }, h)).serverPath, '/ws/artifacts/smolsp/smolsp.dll');
  });

  it('expands ~', () => {
    assert.equal(expandPath('~/bin/smolsp', host([]), undefined), '/home/me/bin/smolsp');
  });
});

describe('resolveServer: the native server of a platform package', () => {
  const native = '/ext/server/native/smolsp';

  it('starts the bundled native server directly, without dotnet', () => {
    const r = ok(resolveServer({ extensionPath: ext }, host([native], { PATH: '/bin' })));
    assert.equal(r.source, 'bundled-native');
    assert.equal(r.command, native);
    assert.deepEqual(r.args, ['lsp']);
    assert.match(r.description, /native server bundled.*\/ext\/server\/native\/smolsp lsp --stdio/);
  });

  it('prefers the native server over a bundled dll', () => {
    const r = ok(resolveServer({ extensionPath: ext }, host([native, bundled, dotnet])));
    assert.equal(r.source, 'bundled-native');
    assert.equal(r.command, native);
  });

  it('falls back to the bundled dll with dotnet when there is no native server', () => {
    const r = ok(resolveServer({ extensionPath: ext }, host(['/ext/server/smolsp', bundled, dotnet])));
    assert.equal(r.source, 'bundled');
    assert.equal(r.command, dotnet, 'the apphost next to a framework-dependent dll is not the native server');
  });

  it('lets the setting and SMOLSP_SERVER_PATH win over the native server', () => {
    const fromSetting = ok(resolveServer({ extensionPath: ext, settingPath: '/opt/smolsp/smolsp.dll' }, host([native, dotnet, '/opt/smolsp/smolsp.dll'])));
    assert.equal(fromSetting.source, 'setting');
    assert.deepEqual(fromSetting.args, ['/opt/smolsp/smolsp.dll', 'lsp']);
    const fromEnv = ok(resolveServer({ extensionPath: ext }, host([native, '/opt/smolsp'], { SMOLSP_SERVER_PATH: '/opt/smolsp' })));
    assert.equal(fromEnv.source, 'environment');
    assert.equal(fromEnv.command, '/opt/smolsp');
  });

  it('looks for smolsp.exe on Windows', () => {
    const r = ok(resolveServer({ extensionPath: 'C:\\ext' }, host(['C:\\ext\\server\\native\\smolsp.exe'], {}, 'win32')));
    assert.equal(r.source, 'bundled-native');
    assert.equal(r.command, 'C:\\ext\\server\\native\\smolsp.exe');
  });
});

describe('resolveServer: errors', () => {
  it('explains a missing bundled server and offers to open the setting', () => {
    const e = failed(resolveServer({ extensionPath: ext }, host([dotnet])));
    assert.equal(e.reason, 'not-found');
    assert.match(e.message, /no bundled server/);
    assert.match(e.message, /SMOLSP_SERVER_PATH/);
    assert.match(e.message, /smolsp\.server\.path/);
    assert.deepEqual(e.action, OPEN_SETTINGS_ACTION);
    assert.deepEqual(e.action, { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: ['smolsp.server.path'] });
  });

  it('does not fall back silently when an explicit path is wrong', () => {
    const e = failed(resolveServer({ extensionPath: ext, settingPath: '/nope/smolsp.dll' }, host([bundled, dotnet])));
    assert.equal(e.source, 'setting');
    assert.match(e.message, /\/nope\/smolsp\.dll, which does not exist/);
    const fromEnv = failed(resolveServer({ extensionPath: ext }, host([bundled, dotnet], { SMOLSP_SERVER_PATH: '/gone' })));
    assert.equal(fromEnv.source, 'environment');
    assert.match(fromEnv.message, /SMOLSP_SERVER_PATH environment variable/);
  });

  it('says dotnet is missing when a dll cannot be run', () => {
    const e = failed(resolveServer({ extensionPath: ext }, host([bundled], { PATH: '/bin' })));
    assert.equal(e.reason, 'dotnet-missing');
    assert.match(e.message, /`dotnet` is not on PATH/);
    assert.match(e.message, /\.NET 10/);
    assert.deepEqual(e.action, OPEN_SETTINGS_ACTION);
  });
});

describe('finding dotnet', () => {
  it('searches PATH in order', () => {
    assert.equal(findOnPath('dotnet', host(['/b/dotnet', '/c/dotnet'], { PATH: '/a:/b:/c' })), '/b/dotnet');
  });

  it('falls back to DOTNET_ROOT', () => {
    assert.equal(findDotnet(host(['/opt/dotnet/dotnet'], { PATH: '/bin', DOTNET_ROOT: '/opt/dotnet' })), '/opt/dotnet/dotnet');
  });

  it('uses PATHEXT and ; on Windows', () => {
    const h = host(['C:\\dotnet\\dotnet.exe'], { PATH: 'C:\\Windows;C:\\dotnet', PATHEXT: '.COM;.EXE' }, 'win32');
    assert.equal(findOnPath('dotnet', h), 'C:\\dotnet\\dotnet.exe');
    const r = ok(resolveServer({ extensionPath: 'C:\\ext' }, { ...h, stat: (p) => (p === 'C:\\ext\\server\\smolsp.dll' ? 'file' : h.stat(p)) }));
    assert.equal(r.command, 'C:\\dotnet\\dotnet.exe');
    assert.deepEqual(r.args, ['C:\\ext\\server\\smolsp.dll', 'lsp']);
  });

  it('quotes paths with spaces in the logged command line', () => {
    const r = ok(resolveServer({ extensionPath: '/my ext' }, host(['/my ext/server/smolsp.dll', dotnet])));
    assert.match(r.description, /"\/my ext\/server\/smolsp\.dll" lsp --stdio$/);
  });
});
