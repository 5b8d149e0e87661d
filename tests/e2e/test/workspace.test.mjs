// Workspace-wide diagnostics from the real process: files nobody has open are indexed and reported, pulled with
// workspace/diagnostic (VS Code) or pushed without a version (Neovim 0.7), and kept current from watcher events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  ExitNotification,
  ShutdownRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { copySite, startServer, uriOf } from '../lib/server.mjs';
import { neovim07, vscode } from '../lib/capabilities.mjs';

const page = (title, ogTitle = false) => `<!doctype html>
<html>
<head>
  <title>${title}</title>
${ogTitle ? `  <meta property="og:title" content="${title}">\n` : ''}</head>
<body></body>
</html>
`;

/** The fixture site plus closed pages: one with a problem, one clean, one in an ignored folder. */
function siteWithClosedFiles() {
  const site = copySite();
  writeFileSync(path.join(site, 'about.html'), page('About us'));
  mkdirSync(path.join(site, 'blog'));
  writeFileSync(path.join(site, 'blog', 'post.html'), page('A post', true));
  mkdirSync(path.join(site, 'drafts'));
  writeFileSync(path.join(site, 'drafts', 'wip.html'), page('Work in progress'));
  writeFileSync(path.join(site, '.smolspignore'), 'drafts/\n');
  return site;
}

async function shutdown(server) {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  assert.equal(await server.exited, 0);
  assert.deepEqual(server.state.streamErrors ?? [], []);
}

test('workspace/diagnostic reports closed files, answers unchanged for unchanged ones, and follows watcher events', async () => {
  const site = siteWithClosedFiles();
  const server = startServer();
  try {
    const init = await server.initialize(vscode, { rootUri: uriOf(site) });
    assert.equal(init.capabilities.diagnosticProvider.workspaceDiagnostics, true);
    const byUri = (report) => Object.fromEntries(report.items.map((item) => [item.uri, item]));

    const first = byUri(await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }));
    const about = uriOf(path.join(site, 'about.html'));
    const post = uriOf(path.join(site, 'blog', 'post.html'));
    assert.deepEqual(Object.keys(first).sort(), [about, post, uriOf(path.join(site, 'index.html')), uriOf(path.join(site, 'Pages', 'Index.cshtml'))].sort());
    assert.equal(first[about].kind, 'full');
    assert.equal(first[about].version, null);
    assert.ok(first[about].items.some((d) => d.code === 'SMO001'), JSON.stringify(first[about].items));
    assert.ok(!first[post].items.some((d) => d.code === 'SMO001'));

    const previousResultIds = Object.values(first).map((item) => ({ uri: item.uri, value: item.resultId }));
    const second = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds });
    assert.deepEqual(second.items.map((item) => item.kind), second.items.map(() => 'unchanged'));

    writeFileSync(path.join(site, 'about.html'), page('About us', true));
    const refreshes = server.state.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: about, type: 2 }] });
    await server.waitFor(() => server.state.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes);
    const third = byUri(await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }));
    assert.equal(third[about].kind, 'full');
    assert.ok(!third[about].items.some((d) => d.code === 'SMO001'));
    assert.equal(third[post].kind, 'unchanged');
    await shutdown(server);
  } finally {
    server.kill();
  }
});

test('push clients get closed files published without a version', async () => {
  const site = siteWithClosedFiles();
  const server = startServer();
  try {
    await server.initialize(neovim07, { rootUri: uriOf(site) });
    const about = uriOf(path.join(site, 'about.html'));
    const published = await server.waitForDiagnostics(about, (p) => p.diagnostics.some((d) => d.code === 'SMO001'));
    assert.equal(published.version, undefined);
    assert.ok(!server.state.published.some((p) => p.uri.includes('/drafts/')), 'ignored folders are not indexed');
    await shutdown(server);
  } finally {
    server.kill();
  }
});
