// Neovim-0.7-like client: push diagnostics, settings pushed with didChangeConfiguration, code actions asked at
// the cursor with diagnostics sent back in byte columns, `changes` instead of documentChanges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, copySite, editsFor, startServer, uriOf } from '../lib/server.mjs';
import { neovim07 } from '../lib/capabilities.mjs';

async function openRazorPage() {
  const site = copySite();
  const server = startServer();
  const init = await server.initialize(neovim07, { rootUri: uriOf(site) });
  // Neovim 0.7 sends its settings this way right after initialized.
  await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { smolsp: { siteName: 'Acme' } } });
  const file = path.join(site, 'Pages', 'Index.cshtml');
  const uri = uriOf(file);
  const text = readFileSync(file, 'utf8');
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'razor', version: 0, text } });
  return { server, init, uri, text };
}

test('push diagnostics, a quick fix picked at the cursor with byte-column diagnostics, then the diagnostic is gone', async () => {
  const { server, init, uri, text } = await openRazorPage();
  try {
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    assert.equal(init.capabilities.positionEncoding, 'utf-16');
    const published = await server.waitForDiagnostics(uri, (p) => p.version === 0 && p.diagnostics.length > 0);
    const [diagnostic] = published.diagnostics;
    assert.equal(diagnostic.code, 'SMO001');
    assert.equal(diagnostic.range.start.line, 17); // </head>: page-level findings sit where the missing tags go
    assert.ok(diagnostic.data, 'diagnostics carry data so code actions can find them again');

    // What vim.lsp.buf.code_action() sends: the cursor (column 0 of the line) and the line's diagnostics
    // converted back with byte columns and an empty Lua table for missing lists.
    const sentBack = { ...diagnostic, range: { start: { line: 17, character: 4 }, end: { line: 17, character: 99 } }, relatedInformation: {} };
    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 17, character: 0 }, end: { line: 17, character: 0 } },
      context: { diagnostics: [sentBack] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add og:title from <title>'), titles.join(', '));
    assert.ok(titles.includes('Suppress SMO001 on this line'));

    // Neovim 0.7 resolves an action without edit, then applies `changes` (it does not announce documentChanges).
    const suppress = actions.find((a) => a.title === 'Suppress SMO001 on this line');
    const resolvedSuppress = await server.connection.sendRequest(CodeActionResolveRequest.type, suppress);
    assert.equal(resolvedSuppress.edit.documentChanges, undefined);
    assert.match(applyEdits(text, editsFor(resolvedSuppress.edit, uri)), /\n {4}@\* smolsp-disable-next-line SMO001 \*@\n {4}<\/head>/);

    const fix = actions.find((a) => a.title === 'Add og:title from <title>');
    const resolved = await server.connection.sendRequest(CodeActionResolveRequest.type, fix);
    const fixed = applyEdits(text, editsFor(resolved.edit, uri));
    assert.match(fixed, /<meta property="og:title" content="@ViewData\["Title"\] - Acme" \/>/);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 1 }, contentChanges: [{ text: fixed }] });
    const clean = await server.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(clean.diagnostics, []);

    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await server.waitFor(() => server.state.published.at(-1).uri === uri && server.state.published.at(-1).version === undefined);
    await server.connection.sendRequest(ShutdownRequest.type);
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 0);
    assert.deepEqual(server.state.streamErrors ?? [], []);
  } finally {
    server.kill();
  }
});

test('settings pushed with didChangeConfiguration re-check open documents; hover falls back to configured site name', async () => {
  const { server, uri } = await openRazorPage();
  try {
    await server.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0].severity === 2);
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 10 } });
    assert.match(hover.contents.value, /Share card\*\* · Acme/);

    const count = server.state.published.length;
    // smolsp.json in the fixture sets SMO001 to warning; the file wins over the editor for that key...
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { smolsp: { rules: { SMO001: 'off' } } } });
    await server.waitFor(() => server.state.published.length > count);
    assert.equal(server.state.published.at(-1).diagnostics[0].severity, 2);
    // ...and a bad setting is reported to the user instead of being silently ignored.
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { smolsp: { rules: { SMO777: 'off' } } } });
    await server.waitFor(() => server.state.messages.some((m) => m.message.includes('SMO777')));

    // Exit without shutdown: exit code 1.
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exited, 1);
  } finally {
    server.kill();
  }
});
