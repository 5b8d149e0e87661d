// VS Code-like client: pull diagnostics, lazy code-action resolve, documentChanges, workspace/configuration,
// dynamically registered watchers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, copySite, editsFor, startServer, uriOf } from '../lib/server.mjs';
import { vscode } from '../lib/capabilities.mjs';

async function openSite(settings = {}) {
  const site = copySite();
  const server = startServer({ settings });
  const init = await server.initialize(vscode, { rootUri: uriOf(site) });
  const file = path.join(site, 'index.html');
  const uri = uriOf(file);
  const text = readFileSync(file, 'utf8');
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'html', version: 1, text } });
  return { site, server, init, file, uri, text };
}

const pull = (server, uri, previousResultId) =>
  server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });

async function shutdown(server) {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  assert.equal(await server.exited, 0);
  assert.deepEqual(server.state.streamErrors ?? [], []);
}

test('initialize negotiates pull diagnostics, resolve and utf-16, and registers the smolsp.json watcher', async () => {
  const { server, init } = await openSite();
  try {
    assert.equal(init.capabilities.positionEncoding, 'utf-16');
    assert.equal(init.capabilities.diagnosticProvider.identifier, 'smolsp');
    assert.equal(init.capabilities.codeActionProvider.resolveProvider, true);
    assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.smolsp']);
    assert.equal(init.serverInfo.name, 'smolsp');
    await server.waitFor(() => server.state.serverRequests.some((r) => r.method === 'client/registerCapability'));
    const registration = server.state.serverRequests.find((r) => r.method === 'client/registerCapability');
    assert.ok(registration.params.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'
      && r.registerOptions.watchers[0].globPattern === '**/smolsp.json'));
    // The configuration request and the watcher registration are sent in no fixed order: wait for it.
    await server.waitFor(() => server.state.serverRequests.some((r) => r.method === 'workspace/configuration'));
    await shutdown(server);
  } finally {
    server.kill();
  }
});

test('open -> pulled diagnostics -> quick fix resolved and applied -> diagnostics gone; nothing is pushed', async () => {
  const { server, uri, text } = await openSite();
  try {
    const report = await pull(server, uri);
    assert.equal(report.kind, 'full');
    const [diagnostic] = report.items;
    assert.equal(report.items.length, 1);
    assert.equal(diagnostic.code, 'SMO001');
    assert.equal(diagnostic.source, 'smolsp');
    assert.match(diagnostic.codeDescription.href, /SMO001\.md$/);
    assert.equal((await pull(server, uri, report.resultId)).kind, 'unchanged');

    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    });
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0].title, 'Add og:title from <title>');
    assert.equal(preferred[0].edit, undefined, 'edits are resolved lazily for this client');

    const resolved = await server.connection.sendRequest(CodeActionResolveRequest.type, preferred[0]);
    assert.equal(resolved.edit.documentChanges[0].textDocument.version, 1);
    const edits = editsFor(resolved.edit, uri);
    // Applied the way VS Code does: as incremental changes.
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    const fixed = applyEdits(text, edits);
    assert.match(fixed, /<meta property="og:title" content="Acme Widgets: hand-made widgets since 1999">/);
    const after = await pull(server, uri, report.resultId);
    assert.equal(after.kind, 'full');
    assert.deepEqual(after.items, []);
    assert.deepEqual(server.state.published, []);
    await shutdown(server);
  } finally {
    server.kill();
  }
});

test('source.fixAll.smolsp applies every safe fix in one edit', async () => {
  const { server, uri, text } = await openSite();
  try {
    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.smolsp');
    const resolved = await server.connection.sendRequest(CodeActionResolveRequest.type, actions[0]);
    const fixed = applyEdits(text, editsFor(resolved.edit, uri));
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual((await pull(server, uri)).items, []);
    await shutdown(server);
  } finally {
    server.kill();
  }
});

test('hover on <head> shows the share card in markdown, without repeating the findings', async () => {
  const { server, uri } = await openSite();
  try {
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 4 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^\*\*Share card\*\* · Acme/);
    assert.match(hover.contents.value, /https:\/\/acme\.example\/card\.png/);
    assert.doesNotMatch(hover.contents.value, /SMO001/);
    assert.equal(hover.range.start.line, 2);
    const nothing = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 17, character: 6 } });
    assert.equal(nothing, null);
    await shutdown(server);
  } finally {
    server.kill();
  }
});

test('configuration: editor settings and smolsp.json changes re-check and ask the client to re-pull', async () => {
  const { server, uri, site } = await openSite();
  try {
    const first = await pull(server, uri);
    assert.equal(first.items[0].severity, 2);

    // smolsp.json wins over editor settings, so change the file: the watcher reports it.
    writeFileSync(path.join(site, 'smolsp.json'), JSON.stringify({ rules: { SMO001: 'error' } }));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(site, 'smolsp.json')), type: 2 }] });
    await server.waitFor(() => server.state.serverRequests.some((r) => r.method === 'workspace/diagnostic/refresh'));
    const second = await pull(server, uri, first.resultId);
    assert.equal(second.kind, 'full');
    assert.equal(second.items[0].severity, 1);

    // Without the rule in the file, the editor setting decides; VS Code signals and the server pulls.
    writeFileSync(path.join(site, 'smolsp.json'), '{}');
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(site, 'smolsp.json')), type: 2 }] });
    server.state.settings = { rules: { SMO001: 'off' } };
    const pulls = server.state.serverRequests.filter((r) => r.method === 'workspace/configuration').length;
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await server.waitFor(() => server.state.serverRequests.filter((r) => r.method === 'workspace/configuration').length > pulls);
    await server.waitFor(() => server.state.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length >= 2);
    assert.deepEqual((await pull(server, uri)).items, []);
    await shutdown(server);
  } finally {
    server.kill();
  }
});

test('cancellation: a cancelled request is answered with -32800 and the server keeps serving', async () => {
  const { server, uri } = await openSite();
  try {
    // A 1 MB page keeps each analysis busy long enough for the cancel to arrive first.
    const big = '<!doctype html><html><head><title>Big</title></head><body>\n'
      + '<p>Lorem ipsum dolor sit amet, <a href="https://example.com/x">link</a> consectetur.</p>\n'.repeat(12000) + '</body></html>\n';
    const bigUri = uri.replace('index.html', 'big.html');
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: bigUri, languageId: 'html', version: 1, text: big } });
    let cancelled = 0;
    let answered = 0;
    for (let version = 2; version < 7; version++) {
      // A new version each time, so no cached analysis answers instantly.
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: bigUri, version },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: ' ' }],
      });
      const source = new CancellationTokenSource();
      const request = server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: bigUri } }, source.token);
      source.cancel();
      try {
        await request;
        answered++;
      } catch (error) {
        assert.equal(error.code, -32800, `unexpected error ${error.code}: ${error.message}`);
        cancelled++;
      }
    }
    assert.equal(cancelled + answered, 5);
    assert.ok(cancelled > 0, 'at least one request should have been cancelled');
    assert.equal((await pull(server, uri)).items.length, 1);
    await shutdown(server);
  } finally {
    server.kill();
  }
});
