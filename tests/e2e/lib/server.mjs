// Starts the real `smolsp lsp --stdio` process and talks to it with Microsoft's own LSP client libraries
// (vscode-jsonrpc / vscode-languageserver-protocol), as VS Code's client does.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  DiagnosticRefreshRequest,
  ShowMessageNotification,
} from 'vscode-languageserver-protocol/node';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');

/** The server assembly: $SMOLSP_DLL, else the Release or Debug build output. */
export function serverDll() {
  if (process.env.SMOLSP_DLL) {
    return path.resolve(process.env.SMOLSP_DLL);
  }
  for (const configuration of ['Release', 'Debug']) {
    const candidate = path.join(repoRoot, 'server/SmoLsp.Server/bin', configuration, 'net10.0/smolsp.dll');
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error('smolsp.dll not found: build server/SmoLsp.Server or set SMOLSP_DLL');
}

/**
 * How to start the server: $SMOLSP_SERVER when it names a native smolsp executable (Native AOT: run directly),
 * else `dotnet` with the assembly.
 */
export function serverCommand(args) {
  const exe = process.env.SMOLSP_SERVER;
  if (exe && !exe.toLowerCase().endsWith('.dll')) {
    return [path.resolve(exe), args];
  }
  return ['dotnet', [serverDll(), ...args]];
}

/** A fresh copy of tests/e2e/fixtures/site in a temp directory, so tests can edit smolsp.json freely. */
export function copySite() {
  const dir = mkdtempSync(path.join(tmpdir(), 'smolsp-e2e-'));
  cpSync(path.join(here, '../fixtures/site'), dir, { recursive: true });
  return dir;
}

export const uriOf = (file) => pathToFileURL(file).href;

/**
 * Spawns the server and returns a connection plus helpers. `settings` answers workspace/configuration;
 * every diagnostics push is recorded; `exited` resolves with the exit code.
 */
export function startServer({ args = ['lsp', '--stdio'], settings = {} } = {}) {
  const [command, commandArgs] = serverCommand(args);
  const child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const state = {
    settings,
    published: [],
    serverRequests: [],
    messages: [],
    waiters: [],
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    state.published.push(params);
    state.waiters = state.waiters.filter((w) => !w(params));
  });
  connection.onNotification(ShowMessageNotification.type, (params) => state.messages.push(params));
  connection.onRequest(ConfigurationRequest.type, (params) => {
    state.serverRequests.push({ method: ConfigurationRequest.method, params });
    return params.items.map((item) => (item.section === 'smolsp' ? state.settings : null));
  });
  connection.onRequest(RegistrationRequest.type, (params) => {
    state.serverRequests.push({ method: RegistrationRequest.method, params });
    return null;
  });
  connection.onRequest(DiagnosticRefreshRequest.type, () => {
    state.serverRequests.push({ method: DiagnosticRefreshRequest.method });
    return null;
  });
  connection.onError((error) => {
    // A framing or parse error means something other than a framed message reached stdout.
    state.streamErrors = (state.streamErrors ?? []).concat(String(error));
  });
  connection.listen();

  return {
    child,
    connection,
    state,
    exited,
    stderr: () => stderr.join(''),

    async initialize(capabilities, { rootUri = null, initializationOptions = { diagnosticDelayMs: 20 }, processId = process.pid } = {}) {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId,
        rootUri,
        capabilities,
        initializationOptions,
        clientInfo: { name: 'smolsp-e2e' },
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'site' }] : null,
      });
      await connection.sendNotification(InitializedNotification.type, {});
      return result;
    },

    /** Resolves with the first push (already received or future) for `uri` that satisfies `predicate`. */
    waitForDiagnostics(uri, predicate = () => true, timeoutMs = 15000) {
      const seen = state.published.find((p) => p.uri === uri && predicate(p));
      if (seen) {
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(state.published.filter((p) => p.uri === uri))}`)), timeoutMs);
        state.waiters.push((params) => {
          if (params.uri === uri && predicate(params)) {
            clearTimeout(timer);
            resolve(params);
            return true;
          }
          return false;
        });
      });
    },

    async waitFor(condition, timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) {
          throw new Error('condition not met in time');
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },

    kill() {
      connection.dispose();
      child.kill('SIGKILL');
    },
  };
}

/**
 * Calls `done` when the server's workspace index ends: the end of its "SmoLsp: checking" work-done progress (the
 * client must say `window.workDoneProgress`). Tokens are numbered ("smolsp/1"), so the index is told by its title.
 */
export function onIndexEnd(server, done) {
  const index = new Set();
  server.connection.onRequest('window/workDoneProgress/create', () => null);
  server.connection.onUnhandledProgress((p) => {
    if (p.value.kind === 'begin' && p.value.title === 'SmoLsp: checking') index.add(p.token);
    else if (p.value.kind === 'end' && index.delete(p.token)) done();
  });
}

/** Applies LSP text edits (UTF-16 positions) to a string: all against the original text, last first. */
export function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') lineStarts.push(i + 1);
  }
  const offset = (p) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e, i) => ({ ...e, i, s: offset(e.range.start), t: offset(e.range.end) }))
    .sort((a, b) => b.s - a.s || b.i - a.i);
  for (const e of sorted) {
    text = text.slice(0, e.s) + e.newText + text.slice(e.t);
  }
  return text;
}

/** The edits for `uri` in a WorkspaceEdit, whether it uses documentChanges or changes. */
export function editsFor(workspaceEdit, uri) {
  if (workspaceEdit.documentChanges) {
    return workspaceEdit.documentChanges.filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits);
  }
  return workspaceEdit.changes?.[uri] ?? [];
}
