// The protocol test: the real server, started from a built extension folder exactly as the extension
// starts it (same resolution, same command line, `--stdio` appended as vscode-languageclient does, the
// workspace as working directory), driven with Microsoft's protocol library and VS Code's capabilities.
//
// Runs when SMOLSP_DLL points at a published smolsp.dll (`dotnet publish server/SmoLsp.Server -c Release -o DIR`);
// skipped otherwise. SMOLSP_EXTENSION_DIR may point at an already built extension folder (an unpacked .vsix's
// `extension/`) to test that instead of staging one.
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, ProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { CONFIGURATION_SECTION, toInitializationOptions, toServerConfiguration } from '../src/settings';
import { FIX_ALL_KIND, SHARE_CARD_REQUEST } from '../src/contributions';
import { imageFolders, ShareCardModel, withImageSources } from '../src/sharePreview';
import { nodeResolutionHost, resolveServer, ResolvedServer } from '../src/serverResolution';
import { importScript, root, tempDir } from './helpers';

const dll = process.env.SMOLSP_DLL?.trim();
const SKIP = dll
  ? false
  : 'SMOLSP_DLL is not set: publish the server (dotnet publish server/SmoLsp.Server -c Release -o DIR) and run with SMOLSP_DLL=DIR/smolsp.dll';

const settings = { siteName: 'Acme', twitterSite: '@acme', rules: {} };

/** What VS Code 1.91 with vscode-languageclient 11 announces, for the parts a server negotiates on. */
const VSCODE_CAPABILITIES = {
  general: { positionEncodings: ['utf-16'], markdown: { parser: 'marked', version: '1.1.0' }, staleRequestSupport: { cancel: true, retryOnContentModified: [] } },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true },
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      honorsChangeAnnotations: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } },
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true, showDocument: { support: true }, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
};

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  codeDescription?: { href: string };
}
interface TextEdit {
  range: Diagnostic['range'];
  newText: string;
}

/** Applies LSP text edits (UTF-16 positions, non-overlapping) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') lineStarts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) {
    text = text.slice(0, e.start) + e.text + text.slice(e.end);
  }
  return text;
}

function editsFor(edit: any, uri: string): TextEdit[] {
  if (edit?.changes?.[uri]) return edit.changes[uri];
  const change = (edit?.documentChanges ?? []).find((c: any) => c.textDocument?.uri === uri);
  return change?.edits ?? [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const INDEX_HTML = '<!doctype html>\n<html>\n  <head>\n    <title>Acme Widgets: hand-made widgets since 1999</title>\n  </head>\n  <body><h1>Acme</h1></body>\n</html>\n';
const INDEX_CSHTML = '@page\n@{ Layout = null; }\n<!DOCTYPE html>\n<html>\n<head>\n    <title>Acme Widgets: hand-made widgets since 1999</title>\n</head>\n<body></body>\n</html>\n';

if (SKIP) {
  // One skipped test, so the runner's `# skipped` count says the protocol test did not run, and why.
  it('protocol: the bundled server, started as the extension starts it', { skip: SKIP }, () => {});
} else {
  describe('protocol: the bundled server, started as the extension starts it', () => {
    let workspace: string;
    let extensionDir: string;
    let resolution: ResolvedServer;
    let child: ChildProcess;
    let connection: ProtocolConnection;
    let stderr = '';
    let exitCode: Promise<number | null>;
    let capabilities: any;
    const published = new Map<string, Diagnostic[]>();
    const registrations: Array<{ method: string }> = [];
    const configurationSections: string[] = [];
    const shownMessages: Array<{ type: number; message: string }> = [];

    before(async () => {
      assert.ok(existsSync(dll!), `SMOLSP_DLL=${dll} does not exist`);
      const tmp = tempDir('smolsp-protocol-');
      workspace = path.join(tmp, 'site');
      mkdirSync(path.join(workspace, 'Pages'), { recursive: true });

      extensionDir = process.env.SMOLSP_EXTENSION_DIR?.trim() || path.join(tmp, 'extension');
      if (!process.env.SMOLSP_EXTENSION_DIR?.trim()) {
        // The layout `npm run package` produces, with the server copied by the same function.
        assert.ok(existsSync(path.join(root, 'dist', 'extension.js')), 'run `npm run build` first');
        mkdirSync(extensionDir, { recursive: true });
        cpSync(path.join(root, 'package.json'), path.join(extensionDir, 'package.json'));
        cpSync(path.join(root, 'dist'), path.join(extensionDir, 'dist'), { recursive: true });
        const { copyServer } = await importScript('package.mjs');
        copyServer(path.dirname(dll!), path.join(extensionDir, 'server'));
      }

      const env = { ...process.env };
      delete env.SMOLSP_SERVER_PATH;
      const resolved = resolveServer({ extensionPath: extensionDir, workspaceFolder: workspace }, nodeResolutionHost(env));
      assert.ok(resolved.ok, resolved.ok ? '' : resolved.message);
      resolution = resolved;

      // vscode-languageclient: spawn(command, [...args, '--stdio'], { cwd: workspace folder }).
      child = spawn(resolution.command, [...resolution.args, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stderr!.on('data', (d) => (stderr += d));
      exitCode = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
      connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
        params.items.map((item) => {
          configurationSections.push(item.section ?? '');
          return item.section === CONFIGURATION_SECTION ? toServerConfiguration(settings).configuration : null;
        }),
      );
      connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
        registrations.push(...params.registrations);
        return null;
      });
      // What VS Code answers with null; anything else gets "method not found", as from a client that lacks it.
      for (const method of ['client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest', 'workspace/diagnostic/refresh', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh']) {
        connection.onRequest(method, () => null);
      }
      connection.onRequest('workspace/applyEdit', () => ({ applied: false, failureReason: 'the protocol test applies edits itself' }));
      connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
        shownMessages.push(p);
      });
      connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        published.set(p.uri, p.diagnostics);
      });
      connection.listen();
    });

    after(async () => {
      connection?.dispose();
      if (child && child.exitCode === null) {
        child.kill();
      }
    });

    /** Later steps need a session; say so instead of failing on an undefined capability. */
    const initialized = () => assert.ok(capabilities, 'the server was not initialized; see the initialize test above');
    const uriOf = (relative: string) => pathToFileURL(path.join(workspace, relative)).href;
    const context = () => `\ncommand: ${resolution.description}\nserver stderr:\n${stderr.trim()}`;

    /** Pull when the server offers it (as VS Code does), else wait for a push; until `done` or 20 s. */
    async function diagnostics(uri: string, done: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
      const pull = () => !!capabilities.diagnosticProvider || registrations.some((r) => r.method === 'textDocument/diagnostic');
      let last: Diagnostic[] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(100)) {
        if (pull()) {
          const report: any = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
          if (report?.kind === 'full') last = report.items;
        }
        if (published.has(uri) && !pull()) last = published.get(uri)!;
        if (done(last)) return last;
      }
      assert.fail(`no expected diagnostics for ${uri} within 20 s; last: ${JSON.stringify(last)}${context()}`);
    }

    const open = (relative: string, languageId: string, text: string) => {
      const uri = uriOf(relative);
      writeFileSync(path.join(workspace, relative), text);
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } }).then(() => uri);
    };

    it('starts from the extension folder with dotnet and the bundled dll', () => {
      assert.equal(resolution.source, 'bundled');
      assert.deepEqual(resolution.args, [path.join(extensionDir, 'server', 'smolsp.dll'), 'lsp']);
    });

    it('answers initialize with the capabilities the extension relies on', { timeout: 30_000 }, async () => {
      const result: any = await Promise.race([
        connection.sendRequest('initialize', {
          processId: process.pid,
          clientInfo: { name: 'Visual Studio Code', version: '1.91.0' },
          locale: 'en',
          rootPath: workspace,
          rootUri: pathToFileURL(workspace).href,
          workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'site' }],
          capabilities: VSCODE_CAPABILITIES,
          // What the extension sends when the user has not trusted plugins.
          initializationOptions: toInitializationOptions(undefined),
          trace: 'off',
        }),
        exitCode.then((code) => assert.fail(`the server exited with ${code} before answering initialize${context()}`)),
      ]);
      capabilities = result.capabilities;
      assert.ok(capabilities.textDocumentSync !== undefined, 'text document sync');
      assert.ok(capabilities.codeActionProvider, 'code actions');
      const kinds: string[] | undefined = capabilities.codeActionProvider.codeActionKinds;
      assert.ok(!kinds || kinds.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(k + '.')), `codeActionKinds ${JSON.stringify(kinds)} cover ${FIX_ALL_KIND}`);
      assert.notEqual(result.capabilities.positionEncoding ?? 'utf-16', 'utf-8', 'VS Code offered only utf-16');
      await connection.sendNotification('initialized', {});
      // What the extension's didChangeConfiguration middleware sends right after start.
      await connection.sendNotification('workspace/didChangeConfiguration', { settings: { [CONFIGURATION_SECTION]: toServerConfiguration(settings).configuration } });
    });

    it('reports SMO001 with its rule id, source and doc link for an HTML page without og:title', { timeout: 30_000 }, async () => {
      initialized();
      const uri = await open('index.html', 'html', INDEX_HTML);
      const found = await diagnostics(uri, (d) => d.some((x) => x.code === 'SMO001'));
      const smo001 = found.find((x) => x.code === 'SMO001')!;
      assert.equal(smo001.source, 'smolsp');
      assert.equal(smo001.severity, 2, 'warning');
      assert.match(smo001.codeDescription?.href ?? '', /SMO001\.md$/);
      assert.ok(smo001.range.start.line >= 0 && smo001.range.start.line <= 6);
    });

    it('handles a Razor page opened with the C# extension\'s language id', { timeout: 30_000 }, async () => {
      initialized();
      const uri = await open('Pages/Index.cshtml', 'aspnetcorerazor', INDEX_CSHTML);
      await diagnostics(uri, (d) => d.some((x) => x.code === 'SMO001'));
    });

    it('fix-all (source.fixAll.smolsp) returns an edit that removes SMO001 once applied', { timeout: 30_000 }, async () => {
      initialized();
      const uri = uriOf('index.html');
      const lines = INDEX_HTML.split('\n').length;
      const actions: any[] = await connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
        context: { diagnostics: [], only: [FIX_ALL_KIND], triggerKind: 1 },
      });
      const fixAll = (actions ?? []).find((a) => a.kind === FIX_ALL_KIND);
      assert.ok(fixAll, `a ${FIX_ALL_KIND} action; got ${JSON.stringify(actions)}`);
      const resolved = fixAll.edit ? fixAll : await connection.sendRequest('codeAction/resolve', fixAll);
      const edits = editsFor((resolved as any).edit, uri);
      assert.ok(edits.length > 0, `the action edits ${uri}: ${JSON.stringify(resolved)}`);
      const fixed = applyEdits(INDEX_HTML, edits);
      assert.match(fixed, /og:title/);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
      await diagnostics(uri, (d) => !d.some((x) => x.code === 'SMO001'));
    });

    it(`answers ${SHARE_CARD_REQUEST} with the cards the preview draws`, { timeout: 30_000 }, async () => {
      initialized();
      const uri = uriOf('index.html');
      const card = (await connection.sendRequest(SHARE_CARD_REQUEST, { textDocument: { uri } })) as ShareCardModel;
      assert.ok(card, `a card for index.html${context()}`);
      assert.equal(card.uri, uri);
      assert.deepEqual(card.platforms.map((p) => p.id), ['x-large', 'x-summary', 'facebook', 'linkedin', 'slack', 'discord', 'whatsapp', 'google']);
      const facebook = card.platforms.find((p) => p.id === 'facebook') as any;
      assert.equal(facebook.title.value.source.location.uri, uri);
      // What the extension does with it before posting it to the webview.
      const shown = withImageSources(card, (fileUri) => 'webview:' + fileUri);
      for (const p of shown.platforms) {
        if (p.image?.exists) assert.equal(p.image.src, 'webview:' + p.image.fileUri);
      }
      assert.ok(imageFolders(card).every((f) => f.startsWith('file:')));
    });

    it('accepts the settings the extension sends, pulled by the smolsp section or pushed', () => {
      // Pull and push are both fine (the extension sends the same shape either way), but a pull must name our section.
      if (configurationSections.length > 0) {
        assert.ok(configurationSections.includes(CONFIGURATION_SECTION), JSON.stringify(configurationSections));
      }
      // The server parses the section like a smolsp.json: a key it does not know would be shown as an error.
      const complaints = shownMessages.filter((m) => m.type <= 2);
      assert.deepEqual(complaints, [], 'no error or warning popup for the settings');
    });

    it('shuts down and exits with code 0', { timeout: 20_000 }, async () => {
      initialized();
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exitCode, 0, context());
    });
  });
}
