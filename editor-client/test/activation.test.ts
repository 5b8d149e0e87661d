// activate() against a mocked `vscode` and a recording LanguageClient: the commands, the client's selector
// and server options, the configuration middleware, the status bar, and the one error for a missing server.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { readJson, tempDir } from './helpers';
import {
  createLanguageClientMock,
  createVscodeMock,
  fakeContext,
  fakeDocument,
  loadFresh,
  MockOptions,
  ClientMockOptions,
} from './vscodeMock';

const extensionModule = path.join(__dirname, '..', 'src', 'extension.js');

/** Every template kind in both schemes: the exact selector the server is registered for. */
const EXPECTED_SELECTOR = [
  { scheme: 'file', language: 'html' },
  { scheme: 'file', language: 'razor' },
  { scheme: 'file', language: 'aspnetcorerazor' },
  { scheme: 'file', pattern: '**/*.cshtml' },
  { scheme: 'file', pattern: '**/*.razor' },
  { scheme: 'untitled', language: 'html' },
  { scheme: 'untitled', language: 'razor' },
  { scheme: 'untitled', language: 'aspnetcorerazor' },
  { scheme: 'untitled', pattern: '**/*.cshtml' },
  { scheme: 'untitled', pattern: '**/*.razor' },
];

interface Setup {
  extensionPath: string;
  dotnet: string;
  binDir: string;
}

/** A temp extension folder with a bundled server/smolsp.dll, and a PATH folder holding a `dotnet` file. */
function setupFiles(withBundledServer: boolean, withDotnet: boolean): Setup {
  const dir = tempDir();
  const extensionPath = path.join(dir, 'ext');
  mkdirSync(path.join(extensionPath, 'server'), { recursive: true });
  if (withBundledServer) {
    writeFileSync(path.join(extensionPath, 'server', 'smolsp.dll'), '');
  }
  const binDir = path.join(dir, 'bin');
  mkdirSync(binDir);
  const dotnet = path.join(binDir, 'dotnet');
  if (withDotnet) {
    writeFileSync(dotnet, '#!/bin/sh\n');
    chmodSync(dotnet, 0o755);
  }
  return { extensionPath, dotnet, binDir };
}

const savedEnv = { ...process.env };
let restore: (() => void) | undefined;

beforeEach(() => {
  delete process.env.SMOLSP_SERVER_PATH;
  delete process.env.DOTNET_ROOT;
});

afterEach(() => {
  restore?.();
  restore = undefined;
  process.env = { ...savedEnv };
});

async function activate(setup: Setup, options: MockOptions = {}, clientOptions: ClientMockOptions = {}) {
  process.env.PATH = setup.binDir;
  const vscode = createVscodeMock({ workspaceFolder: '/ws', ...options });
  const lc = createLanguageClientMock(clientOptions);
  const loaded = loadFresh<{ activate(c: unknown): Promise<void>; deactivate(): Promise<void> }>(extensionModule, {
    vscode: vscode.module,
    'vscode-languageclient/node': lc.module,
  });
  restore = loaded.restore;
  const context = fakeContext(setup.extensionPath);
  await loaded.exports.activate(context);
  return { vscode, lc, context, extension: loaded.exports };
}

/** Lets the `.then` of a shown message (the button click) run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('activate with a bundled server', () => {
  it('registers exactly the contributed commands', async () => {
    const { vscode } = await activate(setupFiles(true, true));
    const contributed = readJson('package.json').contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...vscode.commands.keys()].sort(), contributed);
    assert.deepEqual(contributed, ['smolsp.fixAll', 'smolsp.restart', 'smolsp.showOutput', 'smolsp.showPreview']);
  });

  it('creates one client with the template selector, dotnet + bundled dll, and the smolsp section', async () => {
    const setup = setupFiles(true, true);
    const { lc, vscode } = await activate(setup);
    assert.equal(lc.clients.length, 1);
    const [client] = lc.clients;
    assert.equal(client.id, 'smolsp');
    assert.equal(client.name, 'SmoLsp');
    assert.deepEqual(client.clientOptions.documentSelector, EXPECTED_SELECTOR);
    const executable = { command: setup.dotnet, args: [path.join(setup.extensionPath, 'server', 'smolsp.dll'), 'lsp'], transport: 0 /* stdio: the client appends --stdio */ };
    assert.deepEqual(client.serverOptions, { run: executable, debug: executable });
    assert.equal(client.clientOptions.synchronize.configurationSection, 'smolsp');
    assert.equal(client.clientOptions.outputChannel, vscode.outputChannels[0]);
    assert.equal(client.started, 1);
    assert.deepEqual(client.clientOptions.initializationOptions, { allowPlugins: false, logMessages: true });
    assert.deepEqual(vscode.messages, []);
  });

  it('passes the user-level plugin trust in initializationOptions, not with the settings', async () => {
    const { lc } = await activate(setupFiles(true, true), { settings: { 'smolsp.plugins.allow': true } });
    assert.deepEqual(lc.clients[0].clientOptions.initializationOptions, { allowPlugins: true, logMessages: true });
  });

  it('logs the resolved command and shows the running state in the status bar', async () => {
    const setup = setupFiles(true, true);
    const { vscode } = await activate(setup);
    const [output] = vscode.outputChannels;
    assert.equal(output.name, 'SmoLsp');
    assert.ok(output.lines.some((l) => l.includes(`${setup.dotnet} ${path.join(setup.extensionPath, 'server', 'smolsp.dll')} lsp --stdio`)), output.lines.join('\n'));
    const [status] = vscode.statusItems;
    assert.equal(status.text, '$(check) SmoLsp');
    assert.equal(status.command, 'smolsp.showOutput');
    assert.ok(status.visible);
  });

  it('uses smolsp.server.path over the bundled server', async () => {
    const setup = setupFiles(true, true);
    const own = path.join(setup.binDir, 'smolsp');
    writeFileSync(own, '');
    const { lc } = await activate(setup, { settings: { 'smolsp.server.path': own } });
    assert.deepEqual(lc.clients[0].serverOptions.run, { command: own, args: ['lsp'], transport: 0 });
  });

  it('maps the smolsp section for workspace/configuration and leaves other sections alone', async () => {
    const { lc } = await activate(setupFiles(true, true));
    const middleware = lc.clients[0].clientOptions.middleware.workspace;
    const params = { items: [{ section: 'smolsp' }, { section: 'editor' }] };
    const next = async () => [{ siteUrl: 'https://acme.example/', rules: { smo203: 'OFF' }, server: { path: '' } }, { tabSize: 2 }];
    const result = await middleware.configuration(params, {}, next);
    assert.deepEqual(result, [
      { siteUrl: 'https://acme.example', siteName: null, twitterSite: null, profiles: [], rules: { SMO203: 'off' } },
      { tabSize: 2 },
    ]);
  });

  it('pushes the same mapped shape on didChangeConfiguration', async () => {
    const { lc } = await activate(setupFiles(true, true), { settings: { 'smolsp.siteName': 'Acme', 'smolsp.twitterSite': 'acme' } });
    const client = lc.clients[0];
    await client.clientOptions.middleware.workspace.didChangeConfiguration(['smolsp'], async () => assert.fail('the raw settings must not be sent'));
    assert.deepEqual(client.notifications, [
      {
        method: 'workspace/didChangeConfiguration',
        params: { settings: { smolsp: { siteUrl: null, siteName: 'Acme', twitterSite: '@acme', profiles: [], rules: {} } } },
      },
    ]);
  });

  it('restart disposes the client and starts a new one; deactivate stops it', async () => {
    const { vscode, lc, extension } = await activate(setupFiles(true, true));
    await vscode.commands.get('smolsp.restart')!();
    assert.equal(lc.clients.length, 2);
    assert.equal(lc.clients[0].disposed, 1);
    assert.equal(lc.clients[1].started, 1);
    assert.equal(vscode.statusItems[0].text, '$(check) SmoLsp');
    await extension.deactivate();
  });

  it('restarts when the server path or the plugin trust changes, not for analysis settings', async () => {
    const { vscode, lc } = await activate(setupFiles(true, true));
    const fire = async (changed: string) => {
      vscode.configurationListeners.forEach((l) => l({ affectsConfiguration: (s: string) => changed === s || changed.startsWith(s + '.') }));
      await settle();
    };
    await fire('smolsp.siteUrl');
    assert.equal(lc.clients.length, 1);
    await fire('smolsp.server.path');
    assert.equal(lc.clients.length, 2);
    await fire('smolsp.plugins.allow');
    assert.equal(lc.clients.length, 3);
  });

  it('stays off when smolsp.enable is false', async () => {
    const { vscode, lc } = await activate(setupFiles(true, true), { settings: { 'smolsp.enable': false } });
    assert.equal(lc.clients.length, 0);
    assert.equal(vscode.statusItems[0].text, '$(circle-slash) SmoLsp');
    assert.deepEqual(vscode.messages, []);
  });

  it('leaves the popup for a server that fails to start to the client, and shows the failure in the status bar', async () => {
    const { vscode, lc } = await activate(setupFiles(true, true), {}, { startError: 'exited with code 2' });
    // vscode-languageclient itself shows "couldn't create connection to server" with a Go to Output button.
    assert.deepEqual(vscode.messages, []);
    assert.equal(lc.clients[0].clientOptions.initializationFailedHandler(new Error('x')), false, 'no second popup for a failed initialize');
    assert.equal(vscode.statusItems[0].text, '$(error) SmoLsp');
    assert.match(vscode.statusItems[0].tooltip!, /failed to start: exited with code 2/);
    assert.ok(vscode.outputChannels[0].lines.some((l) => l.startsWith('[error]') && l.includes('exited with code 2')));
  });
});

describe('activate without a usable server', () => {
  it('shows one error with an Open Settings button that opens smolsp.server.path', async () => {
    const { vscode, lc } = await activate(setupFiles(false, true), { errorChoice: 'Open Settings' });
    assert.equal(lc.clients.length, 0);
    const errors = vscode.messages.filter((m) => m.kind === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /cannot find its language server/);
    assert.deepEqual(errors[0].items, ['Open Settings']);
    await settle();
    assert.deepEqual(
      vscode.executed.filter((e) => e.command === 'workbench.action.openSettings'),
      [{ command: 'workbench.action.openSettings', args: ['smolsp.server.path'] }],
    );
    assert.equal(vscode.statusItems[0].text, '$(error) SmoLsp');
    assert.ok(vscode.outputChannels[0].lines.some((l) => l.startsWith('[error]') && l.includes('cannot find its language server')));
  });

  it('says dotnet is missing when the bundled dll cannot run', async () => {
    const { vscode, lc } = await activate(setupFiles(true, false));
    assert.equal(lc.clients.length, 0);
    assert.equal(vscode.messages.length, 1);
    assert.match(vscode.messages[0].message, /`dotnet` is not on PATH/);
    assert.deepEqual(vscode.messages[0].items, ['Open Settings']);
  });

  it('shows the error again on an explicit restart once the first one was dismissed', async () => {
    const { vscode } = await activate(setupFiles(false, true));
    assert.equal(vscode.messages.length, 1);
    await settle();
    await vscode.commands.get('smolsp.restart')!();
    assert.equal(vscode.messages.length, 2);
  });

  it('never stacks a second error on one still open (typing a server path restarts on every change)', async () => {
    const { vscode } = await activate(setupFiles(false, true), { errorsStayOpen: true });
    for (const typed of ['/nonexistent-smolsp/s', '/nonexistent-smolsp/sm', '/nonexistent-smolsp/smolsp']) {
      vscode.settings['smolsp.server.path'] = typed;
      vscode.configurationListeners.forEach((l) => l({ affectsConfiguration: (s: string) => s === 'smolsp.server.path' }));
      await settle();
    }
    assert.equal(vscode.messages.length, 1);
    assert.match(vscode.statusItems[0].tooltip!, /nonexistent-smolsp\/smolsp, which does not exist/);
  });
});

describe('commands', () => {
  const html = '<!doctype html>\n<html>\n<head>\n<title>Acme Widgets for everyone</title>\n</head>\n</html>\n';

  it('fix all applies the source.fixAll.smolsp action of the whole document', async () => {
    const edit = { kind: 'workspace-edit' };
    const seen: unknown[][] = [];
    const { vscode } = await activate(setupFiles(true, true), {
      commandHandlers: {
        'vscode.executeCodeActionProvider': (...args) => {
          seen.push(args);
          return [
            { title: 'Add og:title', kind: { value: 'quickfix' }, edit: { kind: 'other' } },
            { title: 'Fix all SMO problems', kind: { value: 'source.fixAll.smolsp' }, edit },
          ];
        },
      },
    });
    const document = fakeDocument('/ws/index.html', 'html', html);
    vscode.window.activeTextEditor = { document };
    await vscode.commands.get('smolsp.fixAll')!();
    assert.equal(seen.length, 1);
    assert.equal(seen[0][0], document.uri);
    assert.equal(seen[0][2], 'source.fixAll.smolsp');
    assert.deepEqual(vscode.appliedEdits, [edit]);
  });

  it('fix all says so when there is nothing to fix, and refuses other files', async () => {
    const { vscode } = await activate(setupFiles(true, true), { commandHandlers: { 'vscode.executeCodeActionProvider': () => [] } });
    vscode.window.activeTextEditor = { document: fakeDocument('/ws/Pages/Index.cshtml', 'aspnetcorerazor', html) };
    await vscode.commands.get('smolsp.fixAll')!();
    assert.match(vscode.messages.at(-1)!.message, /no safe fixes/);
    vscode.window.activeTextEditor = { document: fakeDocument('/ws/app.ts', 'typescript', '') };
    await vscode.commands.get('smolsp.fixAll')!();
    assert.match(vscode.messages.at(-1)!.message, /open an HTML, \.cshtml or \.razor template/);
    assert.deepEqual(vscode.appliedEdits, []);
  });

  it('show preview opens the Share preview webview beside the editor with a strict CSP and posts the card', async () => {
    const card = {
      uri: 'file:/ws/index.html',
      version: 1,
      composed: false,
      composedFrom: [],
      problems: { errors: 0, warnings: 2, infos: 0, hints: 0 },
      platforms: [
        { id: 'facebook', image: { url: '/img/card.png', fileUri: 'file:///ws/img/card.png', exists: true } },
        { id: 'google', image: null },
      ],
    };
    const { vscode, lc } = await activate(setupFiles(true, true), {}, { onRequest: () => card });
    vscode.window.activeTextEditor = { document: fakeDocument('/ws/index.html', 'html', html) };
    await vscode.commands.get('smolsp.showPreview')!();

    assert.equal(vscode.panels.length, 1);
    const [panel] = vscode.panels;
    assert.equal(panel.viewType, 'smolsp.sharePreview');
    assert.equal(panel.title, 'Share preview: index.html');
    assert.match(panel.webview.html, /Content-Security-Policy" content="default-src 'none'; img-src vscode-webview: data:;/);
    assert.deepEqual(lc.clients[0].requests, [{ method: 'smolsp/shareCard', params: { textDocument: { uri: 'file:/ws/index.html' } } }]);
    const posted = panel.webview.posted.at(-1) as any;
    assert.equal(posted.type, 'card');
    assert.equal(posted.status, '2 warnings');
    // The local image is loadable from the webview, and its folder is a resource root.
    assert.equal(posted.card.platforms[0].image.src, 'vscode-webview:/ws/img/card.png');
    assert.ok(JSON.stringify(panel.webview.options).includes('/ws/img'));

    // A second command reveals the same panel.
    await vscode.commands.get('smolsp.showPreview')!();
    assert.equal(vscode.panels.length, 1);
    assert.equal(panel.revealed, 1);
  });

  it('the preview jumps to a clicked field and re-asks the server after typing pauses', async () => {
    const { vscode, lc } = await activate(setupFiles(true, true), {}, { onRequest: () => null });
    const document = fakeDocument('/ws/index.html', 'html', html);
    vscode.window.activeTextEditor = { document };
    await vscode.commands.get('smolsp.showPreview')!();
    const [panel] = vscode.panels;
    assert.equal((panel.webview.posted.at(-1) as any).status, 'no share card: a partial');

    const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 40 } };
    panel.webview.receive({ type: 'jump', location: { uri: 'file:///ws/Views/Shared/_Layout.cshtml', range } });
    await settle();
    const shown = vscode.shownDocuments.at(-1) as any;
    assert.equal(shown.doc.path, '/ws/Views/Shared/_Layout.cshtml');
    assert.deepEqual(JSON.parse(JSON.stringify(shown.options.selection)), { start: { line: 3, character: 4 }, end: { line: 3, character: 40 } });

    const before = lc.clients[0].requests.length;
    vscode.textDocumentChanges.fire({ document });
    vscode.textDocumentChanges.fire({ document });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(lc.clients[0].requests.length, before + 1, 'two quick edits, one request');
  });

  it('show output reveals the channel', async () => {
    const { vscode } = await activate(setupFiles(true, true));
    await vscode.commands.get('smolsp.showOutput')!();
    assert.equal(vscode.outputChannels[0].shown, 1);
  });
});
