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

// Each hostile message is followed by a valid request (id `ok-N`) that must be answered: nothing a client sends may
// end the server or cost it the next message (issue 12).
const hostileMessages = [
  ['invalid UTF-8 in a method', Buffer.from('{"jsonrpc":"2.0","method":"x\xff\xfe"}', 'latin1')],
  ['invalid UTF-8 in an id', Buffer.from('{"jsonrpc":"2.0","id":"\xff","method":"x"}', 'latin1')],
  ['invalid UTF-8 in didOpen text', Buffer.from('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.html","languageId":"html","version":1,"text":"\xc3\x28"}}}', 'latin1')],
  ['a lone surrogate escape in a method', Buffer.from('{"jsonrpc":"2.0","id":7,"method":"\\ud800"}')],
  ['a lone surrogate escape in hover params', Buffer.from('{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///\\udc00"},"position":{"line":0,"character":0}}}')],
  ['not JSON', Buffer.from('{"jsonrpc":')],
  ['an object id', Buffer.from('{"jsonrpc":"2.0","id":{},"method":"x"}')],
  ['a numeric method', Buffer.from('{"jsonrpc":"2.0","id":9,"method":5}')],
  ['params as a string', Buffer.from('{"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":"x"}')],
  ['no method', Buffer.from('{"jsonrpc":"2.0","id":11}')],
  ['nesting 10,000 deep', Buffer.from(`{"jsonrpc":"2.0","id":12,"method":"x","params":${'['.repeat(10000)}${']'.repeat(10000)}}`)],
];
const rawFrames = [
  ['a negative Content-Length', Buffer.from('Content-Length: -1\r\n\r\n')],
  ['a Content-Length over the int range', Buffer.from('Content-Length: 99999999999999999999\r\n\r\n')],
  ['header garbage', Buffer.from('\x00\x01garbage: \xff\r\nno colon here\r\n\r\n', 'latin1')],
  ['conflicting lengths', Buffer.from('Content-Length: 2\r\nContent-Length: 3\r\n\r\n')],
];

test('every malformed or undecodable message gets an error or is ignored, and the next request is answered', () => {
  const ok = (n) => frame({ jsonrpc: '2.0', id: `ok-${n}`, method: 'no/such/method' });
  const framedBody = (body) => Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
  const input = Buffer.concat([
    frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
    frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
    ...hostileMessages.flatMap(([, body], n) => [framedBody(body), ok(n)]),
    ...rawFrames.flatMap(([, bytes], n) => [bytes, ok(100 + n)]),
    frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }),
    frame({ jsonrpc: '2.0', method: 'exit' }),
  ]);
  const { status, messages, stderr } = runRaw(input, ['lsp', '--log-level', 'Warning']);
  assert.equal(status, 0, stderr);
  assert.doesNotMatch(stderr, /crashed|FTL/);
  const answered = new Set(messages.map((m) => m.id));
  for (const [name] of hostileMessages.concat(rawFrames)) {
    const n = hostileMessages.findIndex(([h]) => h === name);
    const id = n >= 0 ? `ok-${n}` : `ok-${100 + rawFrames.findIndex(([h]) => h === name)}`;
    assert.ok(answered.has(id), `no answer after ${name}`);
  }
  const codeOf = (id) => messages.find((m) => m.id === id)?.error?.code;
  assert.equal(codeOf(7), -32600);
  assert.equal(codeOf(8), -32602);
  assert.equal(codeOf(9), -32600);
  assert.equal(codeOf(10), -32600);
  assert.equal(codeOf(11), -32600);
  // Undecodable bodies and JSON too deep to read are parse errors, answered with id null.
  assert.ok(messages.filter((m) => m.id === null && m.error.code === -32700).length >= 5);
});

/** Runs initialize, `bad`, a request with id 'after', shutdown and exit; asserts a clean exit and the answer to 'after'. */
function runAround(bad, logLevel) {
  const input = Buffer.concat([
    frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, capabilities: {} } }),
    ...bad,
    frame({ jsonrpc: '2.0', id: 'after', method: 'no/such/method' }),
    frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }),
    frame({ jsonrpc: '2.0', method: 'exit' }),
  ]);
  const { status, messages, stderr } = runRaw(input, ['lsp', '--log-level', logLevel]);
  assert.equal(status, 0, stderr);
  assert.equal(messages.find((m) => m.id === 'after')?.error?.code, -32601);
  return stderr;
}

test('a message over the size cap is refused without reading it into memory, and the next one is answered', () => {
  const size = 64 * 1024 * 1024 + 1;
  const stderr = runAround([Buffer.from(`Content-Length: ${size}\r\n\r\n`), Buffer.alloc(size, 'a')], 'Warning');
  assert.match(stderr, /over the 67108864 byte limit/);
});

test('headers nested in bodies are re-read at most once (linear time), and the next request is answered', () => {
  // Each header claims everything after it, so each body holds the next header: re-reading into every one of them
  // costs the square of the input (minutes for these 4 MB).
  const chunks = [];
  let total = 0;
  while (total < 4_000_000) {
    const chunk = Buffer.from(`Content-Length: ${total + 1}\r\n\r\nx`);
    chunks.push(chunk);
    total += chunk.length;
  }
  const nested = Buffer.concat(chunks.reverse());
  runAround([Buffer.from(`Content-Length: ${nested.length + 1}\r\n\r\nx`), nested], 'Error');
});

test('Microsoft\'s client: after a message with invalid UTF-8 the server still answers its requests', async () => {
  const server = startServer();
  try {
    await server.initialize(vscode);
    const body = Buffer.from('{"jsonrpc":"2.0","method":"x\xff\xfe"}', 'latin1');
    server.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'untitled:Untitled-1', languageId: 'html', version: 1, text: '<html><head><title>x</title></head></html>' } });
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 14 } });
    assert.ok(hover === null || typeof hover === 'object');
    await server.connection.sendRequest(ShutdownRequest.type);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 0);
    assert.doesNotMatch(server.stderr(), /crashed/);
  } finally {
    server.kill();
  }
});

test('with initializationOptions.logMessages the log arrives as window/logMessage with each level as its type, not on stderr', async () => {
  const server = startServer({ args: ['lsp', '--stdio', '--log-level', 'Debug'] });
  const logged = [];
  server.connection.onNotification('window/logMessage', (p) => logged.push(p));
  try {
    await server.initialize(vscode, { initializationOptions: { logMessages: true } });
    // A notification nobody handles is logged at Debug.
    await server.connection.sendNotification('smolsp/notAThing', {});
    await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nowhere/x.html' }, position: { line: 0, character: 0 } });
    await server.connection.sendRequest(ShutdownRequest.type);
    const info = logged.find((m) => m.message.startsWith('Workspace folders:'));
    assert.ok(info, JSON.stringify(logged));
    assert.equal(info.type, 3, 'Information is Info (3), not Error (1)');
    assert.ok(logged.every((m) => m.type !== 1), JSON.stringify(logged.filter((m) => m.type === 1)));
    assert.ok(logged.some((m) => m.type === 5), 'Debug lines are Debug (5)');
    // Before initialize the log could only go to stderr; after it, nothing forwarded is written twice.
    assert.doesNotMatch(server.stderr(), /Workspace folders:/);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 0);
  } finally {
    server.kill();
  }
});
