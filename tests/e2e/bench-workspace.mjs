// Workspace-index benchmark against the real process over stdio (not a test: it reports numbers, it asserts
// nothing). Usage:
//   SMOLSP_DLL=/tmp/watch-pub/smolsp.dll node tests/e2e/bench-workspace.mjs [corpusDir] [runs] [copies]
// (copies: the corpus copied N times side by side; 3 copies of ../shared/corpus is about 5,000 templates)
// Works on a temporary copy of the corpus (it edits files). Measures, median of `runs` fresh processes:
//   - pull (VS Code-like): initialized -> workspace/diagnostic answered for every template; the answer's size;
//     textDocument/diagnostic on an open document while the index is being built (must not wait for it);
//     a second pull with every result id (all "unchanged"); resident memory after indexing;
//   - push (Neovim-0.7-like): initialized -> work-done progress "end" and the last closed file published;
//   - 50 files changed on disk in one watcher event -> refresh -> re-pull showing them (the cost a layout change
//     with 50 dependent pages has; the layout path itself is timed in-process by bench/SmoLsp.WorkspaceBench,
//     because no built-in rule reads layouts until composition lands).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  ShutdownRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { onIndexEnd, startServer, uriOf } from './lib/server.mjs';
import { neovim07, vscode } from './lib/capabilities.mjs';

const corpus = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '../../../shared/corpus'));
const runs = Number(process.argv[3] ?? 5);
const copies = Number(process.argv[4] ?? 1);
const site = mkdtempSync(path.join(tmpdir(), 'smolsp-bench-ws-'));
for (let i = 0; i < copies; i++) {
  cpSync(corpus, copies === 1 ? site : path.join(site, `copy${i}`), { recursive: true });
}
const templates = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(html?|cshtml|razor)$/i.test(entry.name)) templates.push(full);
  }
})(site);
templates.sort();

const now = () => performance.now();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const hwmMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function stop(server) {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  await server.exited;
  server.kill();
}

async function pullRun(round) {
  const server = startServer();
  const init = await server.initialize(vscode, { rootUri: uriOf(site) });
  const t0 = now();
  const pending = server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
  // An open document is answered while the index is still being built.
  const openFile = templates[Math.floor(templates.length / 2)];
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(openFile), languageId: 'html', version: 1, text: readFileSync(openFile, 'utf8') } });
  const t3 = now();
  await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uriOf(openFile) } });
  const openMs = now() - t3;
  const first = await pending;
  const indexMs = now() - t0;
  const bytes = Buffer.byteLength(JSON.stringify(first));
  await new Promise((r) => setTimeout(r, 300)); // let the server settle before sampling memory
  const rss = rssMb(server.child.pid);
  const peak = hwmMb(server.child.pid);
  const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId }));
  const t1 = now();
  const second = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds });
  const unchangedMs = now() - t1;
  const unchanged = second.items.filter((i) => i.kind === 'unchanged').length;

  // 50 files change on disk (a blank line first: every diagnostic moves, so every report changes).
  const changed = templates.filter((_, i) => i % Math.floor(templates.length / 50) === 0).slice(0, 50);
  for (const file of changed) {
    writeFileSync(file, '\n' + readFileSync(file, 'utf8'));
  }
  const refreshes = () => server.state.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
  const before = refreshes();
  const t2 = now();
  await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changed.map((f) => ({ uri: uriOf(f), type: 2 })) });
  await server.waitFor(() => refreshes() > before, 60000);
  const refreshMs = now() - t2;
  const third = await server.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds });
  const repullMs = now() - t2;
  const full = third.items.filter((i) => i.kind === 'full').length;
  await stop(server);
  return { round, openMs, indexMs, items: first.items.length, withProblems: first.items.filter((i) => i.items.length > 0).length, bytes, rss, peak, unchangedMs, unchanged, refreshMs, repullMs, full, version: init.serverInfo.version };
}

async function pushRun() {
  const server = startServer();
  let ended = null;
  onIndexEnd(server, () => { ended = now(); });
  const t0 = now();
  await server.initialize(neovim07, { rootUri: uriOf(site) });
  await server.waitFor(() => ended !== null, 60000);
  const progressMs = ended - t0;
  // The last publish arrives right after the end of the walk; wait until the count stops growing.
  let count = -1;
  while (count !== server.state.published.length) {
    count = server.state.published.length;
    await new Promise((r) => setTimeout(r, 200));
  }
  const rss = rssMb(server.child.pid);
  await stop(server);
  return { progressMs, published: count, rss };
}

try {
  console.log(`Corpus copy: ${templates.length} templates (${corpus}${copies > 1 ? `, ${copies} copies` : ''}); ${runs} runs each, fresh process per run`);
  const pulls = [];
  for (let i = 0; i < runs; i++) {
    // Each run edits 50 files (a blank line more each time): fine, they stay valid templates.
    pulls.push(await pullRun(i));
  }
  const pushes = [];
  for (let i = 0; i < runs; i++) pushes.push(await pushRun());
  const m = (key, list = pulls) => median(list.map((r) => r[key]));
  const p = pulls[0];
  console.log(`\n| Measure | Median | Best | Worst |\n|---|---:|---:|---:|`);
  const row = (label, values, unit = 'ms', digits = 0) =>
    console.log(`| ${label} | ${median(values).toFixed(digits)} ${unit} | ${Math.min(...values).toFixed(digits)} ${unit} | ${Math.max(...values).toFixed(digits)} ${unit} |`);
  row('pull: initialized -> workspace/diagnostic for all', pulls.map((r) => r.indexMs));
  row('pull: open document diagnostic during indexing', pulls.map((r) => r.openMs));
  row('pull: second workspace/diagnostic (all unchanged)', pulls.map((r) => r.unchangedMs));
  row('pull: 50 files changed -> refresh request', pulls.map((r) => r.refreshMs));
  row('pull: 50 files changed -> re-pull answered', pulls.map((r) => r.repullMs));
  row('push: initialized -> indexing progress end', pushes.map((r) => r.progressMs));
  row('RSS after indexing (pull)', pulls.map((r) => r.rss), 'MB');
  row('peak RSS (pull, VmHWM)', pulls.map((r) => r.peak), 'MB');
  row('RSS after indexing (push)', pushes.map((r) => r.rss), 'MB');
  console.log(`\nreports: ${p.items} (${p.withProblems} with problems), first answer ${(m('bytes') / 1024 / 1024).toFixed(1)} MB of JSON; `
    + `second pull: ${p.unchanged}/${p.items} unchanged; after the change: ${p.full} full reports; push: ${pushes[0].published} files published`);
} finally {
  rmSync(site, { recursive: true, force: true });
}
