// Process-level behaviour: command-line forms, the lifecycle rules, robustness against bad input, exit paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { serverDll, startServer } from '../lib/server.mjs';
import { vscode, neovim07 } from '../lib/capabilities.mjs';

const frame = (json) => {
  const body = Buffer.from(JSON.stringify(json), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** Raw stdio run: writes `input`, closes stdin, returns the exit code and stdout parsed as framed messages. */
function runRaw(input, args = ['lsp']) {
  const result = spawnSync('dotnet', [serverDll(), ...args], { input, timeout: 30000 });
  const messages = [];
  let rest = result.stdout;
  while (rest.length > 0) {
    const headerEnd = rest.indexOf('\r\n\r\n');
    assert.ok(headerEnd > 0, `stdout is not framed: ${rest.toString().slice(0, 200)}`);
    const match = /^Content-Length: (\d+)$/i.exec(rest.subarray(0, headerEnd).toString('ascii'));
    assert.ok(match, `bad header: ${rest.subarray(0, headerEnd)}`);
    const length = Number(match[1]);
    messages.push(JSON.parse(rest.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
    rest = rest.subarray(headerEnd + 4 + length);
  }
  return { status: result.status, messages, stderr: result.stderr.toString() };
}

test('`smolsp lsp` (no --stdio) works, and only framed messages reach stdout even after garbage input', () => {
  const input = Buffer.concat([
    frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} }),
    frame({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
    frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
    Buffer.from('garbage that is not a header\r\n\r\n'),
    Buffer.from('Content-Length: 5\r\n\r\n{oops'),
    frame({ jsonrpc: '2.0', id: 3, method: 'no/such/method' }),
    frame({ jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: { textDocument: 7 } }),
    frame({ jsonrpc: '2.0', id: 5, method: 'shutdown' }),
    frame({ jsonrpc: '2.0', id: 6, method: 'textDocument/hover', params: {} }),
    frame({ jsonrpc: '2.0', method: 'exit' }),
  ]);
  const { status, messages, stderr } = runRaw(input);
  assert.equal(status, 0, stderr);
  const byId = Object.fromEntries(messages.filter((m) => 'id' in m && m.id !== null).map((m) => [m.id, m]));
  assert.equal(byId[1].error.code, -32002);
  assert.ok(byId[2].result.capabilities);
  assert.equal(byId[3].error.code, -32601);
  assert.equal(byId[4].error.code, -32602);
  assert.ok('result' in byId[5] && byId[5].result === null);
  assert.equal(byId[6].error.code, -32600);
  assert.ok(messages.some((m) => m.id === null && m.error.code === -32700));
  assert.match(stderr, /Framing/);
});

test('closing stdin ends the server; exit without shutdown is code 1', () => {
  const input = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, capabilities: {} } });
  const { status } = runRaw(input, ['lsp', '--stdio', '--log-level', 'Warning']);
  assert.equal(status, 1);
});

test('the server exits when the client process named in processId dies', async () => {
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)']);
  const server = startServer();
  try {
    await server.initialize(neovim07, { processId: sleeper.pid });
    await new Promise((r) => sleeper.on('exit', r));
    const code = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('timeout'), 15000))]);
    assert.equal(code, 1);
    assert.match(server.stderr(), /is gone; exiting/);
  } finally {
    server.kill();
  }
});

test('--log-file writes a log, and requests after shutdown are refused', async () => {
  const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'smolsp-log-'));
  const server = startServer({ args: ['lsp', '--stdio', '--log-file', path.join(dir, 'smolsp.log'), '--log-level', 'Debug'] });
  try {
    await server.initialize(vscode);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'untitled:Untitled-1', languageId: 'html', version: 1, text: '<html><head><title>x</title></head></html>' } });
    await server.connection.sendRequest(ShutdownRequest.type);
    await assert.rejects(server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 8 } }), (e) => e.code === -32600);
    await assert.rejects(server.connection.sendRequest(InitializeRequest.type, { processId: null, capabilities: {} }), (e) => e.code === -32600);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 0);
    const logs = readdirSync(dir);
    assert.equal(logs.length, 1);
    assert.match(readFileSync(path.join(dir, logs[0]), 'utf8'), /initialize from smolsp-e2e/);
  } finally {
    server.kill();
  }
});
