// Language-server benchmark (not a test: it reports numbers, it asserts nothing). Usage:
//   SMOLSP_DLL=server/SmoLsp.Server/bin/Release/net10.0/smolsp.dll node tests/e2e/bench.mjs [corpusDir]
//   SMOLSP_SERVER=artifacts/native/linux-x64/smolsp node tests/e2e/bench.mjs [corpusDir]      (the native server)
// Measures, against the real process over stdio:
//   - didChange -> diagnostics latency for ~10 KB, ~100 KB and ~1 MB real templates (p50/p99), pushed with
//     no debounce (initializationOptions.diagnosticDelayMs = 0), pulled (textDocument/diagnostic), and pushed
//     with the default 150 ms debounce for reference; and a 1 MB .cshtml (a Razor page around the 1 MB .html);
//   - process start -> first diagnostics;
//   - resident memory: after initialize, with 500 open documents, and after closing them all;
//   - first diagnostics of a document opened at start in a workspace of ~1,100 templates (copied from the corpus),
//     while the server indexes the rest.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { onIndexEnd, startServer } from './lib/server.mjs';
import { vscode, neovim07 } from './lib/capabilities.mjs';

const corpus = process.argv[2] ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/corpus');
const templates = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(html?|cshtml|razor)$/i.test(entry.name)) templates.push({ file: full, size: statSync(full).size });
  }
})(corpus);
templates.sort((a, b) => a.file.localeCompare(b.file));

const closestTo = (bytes) => templates.reduce((best, t) => (Math.abs(t.size - bytes) < Math.abs(best.size - bytes) ? t : best));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (ns) => Number(ns) / 1e6;
const fmt = (v) => v.toFixed(1).padStart(7);
const languageOf = (file) => (/\.(cshtml|razor)$/i.test(file) ? 'razor' : 'html');
const uriFor = (file) => 'file://' + file;
const rssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

/** Edits the document `iterations` times (a space in, a space out, one line down) and times each change to its diagnostics. */
async function latency(template, mode, iterations, warmup = 10) {
  const delay = mode === 'push-debounced' ? 150 : 0;
  const server = startServer();
  await server.initialize(mode === 'pull' ? vscode : neovim07, { initializationOptions: { diagnosticDelayMs: delay } });
  const text = readFileSync(template.file, 'utf8');
  const uri = uriFor(template.file);
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: languageOf(template.file), version: 1, text } });
  if (mode === 'pull') {
    await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  } else {
    await server.waitForDiagnostics(uri, (p) => p.version === 1, 60000);
  }
  const line = Math.floor(text.split('\n').length / 2);
  const samples = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const version = i + 2;
    const insert = i % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }
      : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
    const started = process.hrtime.bigint();
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    if (mode === 'pull') {
      await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    } else {
      await server.waitForDiagnostics(uri, (p) => p.version === version, 60000);
    }
    if (i >= warmup) samples.push(ms(process.hrtime.bigint() - started));
  }
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  await server.exited;
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples), n: samples.length };
}

async function firstDiagnostics(template) {
  const started = process.hrtime.bigint();
  const server = startServer();
  const text = readFileSync(template.file, 'utf8');
  const uri = uriFor(template.file);
  await server.initialize(neovim07, { initializationOptions: { diagnosticDelayMs: 150 } });
  const initialized = ms(process.hrtime.bigint() - started);
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: languageOf(template.file), version: 1, text } });
  await server.waitForDiagnostics(uri, () => true, 60000);
  const total = ms(process.hrtime.bigint() - started);
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  await server.exited;
  return { initialized, total };
}

/** A 1 MB Razor page: the ~1 MB .html's markup inside a page with a model, ViewData and C# blocks, as views have. */
function razorPage(htmlTemplate) {
  const dir = mkdtempSync(path.join(tmpdir(), 'smolsp-bench-razor-'));
  const html = readFileSync(htmlTemplate.file, 'utf8');
  const header = '@page\n@model IndexModel\n@{\n    ViewData["Title"] = "Home page";\n    Layout = null;\n}\n';
  // A Razor expression every 40 lines, so the projection has C# to mask throughout.
  const body = html.split('\n').map((line, i) => (i % 40 === 20 ? `${line}\n<p>@Model.Items[${i}].Name</p>` : line)).join('\n');
  const file = path.join(dir, 'Index.cshtml');
  writeFileSync(file, header + body);
  return { file, size: statSync(file).size, dir };
}

/** A workspace of about `count` templates copied from the corpus (their folders kept), and one page to open in it. */
function workspaceOf(count) {
  const dir = mkdtempSync(path.join(tmpdir(), 'smolsp-bench-ws-'));
  const chosen = templates.filter((_, i) => i % Math.max(1, Math.floor(templates.length / count)) === 0).slice(0, count);
  for (const t of chosen) {
    const target = path.join(dir, path.relative(corpus, t.file));
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(t.file, target);
  }
  const open = chosen.filter((t) => !/\.(cshtml|razor)$/i.test(t.file)).at(-1);
  return { dir, count: chosen.length, open: path.join(dir, path.relative(corpus, open.file)) };
}

/** initialize with the workspace, open one document at once, time its first diagnostics (and when the index is done). */
async function workspaceFirstDiagnostics(ws) {
  const started = process.hrtime.bigint();
  const server = startServer();
  // The index is done when its work-done progress ends (a push client hears only of closed files with problems).
  let indexed = NaN;
  onIndexEnd(server, () => { indexed = ms(process.hrtime.bigint() - started); });
  await server.initialize(neovim07, { rootUri: uriFor(ws.dir), initializationOptions: { diagnosticDelayMs: 0 } });
  const text = readFileSync(ws.open, 'utf8');
  const uri = uriFor(ws.open);
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'html', version: 1, text } });
  await server.waitForDiagnostics(uri, (p) => p.version === 1 || p.version === undefined, 60000);
  const first = ms(process.hrtime.bigint() - started);
  await server.waitFor(() => !Number.isNaN(indexed), 30000).catch(() => {});
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  await server.exited;
  return { first, indexed };
}

async function memory(count) {
  const server = startServer();
  await server.initialize(neovim07, { initializationOptions: { diagnosticDelayMs: 0 } });
  const baseline = rssMb(server.child.pid);
  let bytes = 0;
  const uris = new Set();
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const text = readFileSync(template.file, 'utf8');
    bytes += Buffer.byteLength(text);
    // Distinct URIs even when the corpus has to be reused.
    const uri = uriFor(template.file) + (i >= templates.length ? `#${i}` : '');
    uris.add(uri);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: languageOf(template.file), version: 1, text } });
  }
  await server.waitFor(() => new Set(server.state.published.map((p) => p.uri)).size >= uris.size, 120000);
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssMb(server.child.pid);
  for (const uri of uris) {
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }
  // Closing clears each document's diagnostics: wait for the last clear, then let the server settle.
  await server.waitFor(() => server.state.published.filter((p) => p.diagnostics.length === 0).length >= uris.size * 0.9, 60000).catch(() => {});
  await new Promise((r) => setTimeout(r, 3000));
  const closed = rssMb(server.child.pid);
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  await server.exited;
  return { baseline, rss, closed, mb: bytes / 1024 / 1024 };
}

console.log(`corpus: ${corpus} (${templates.length} templates); server: ${process.env.SMOLSP_SERVER ?? process.env.SMOLSP_DLL ?? '(default build output)'}`);
console.log('\nstart -> first diagnostics (spawn, initialize, didOpen, first publish), 5 runs:');
const small = closestTo(10 * 1024);
const starts = [];
for (let i = 0; i < 5; i++) starts.push(await firstDiagnostics(small));
console.log(`  initialize answered: median ${fmt(percentile(starts.map((s) => s.initialized), 50))} ms; first diagnostics: median ${fmt(percentile(starts.map((s) => s.total), 50))} ms, max ${fmt(Math.max(...starts.map((s) => s.total)))} ms`);

console.log('\ndidChange -> diagnostics latency (ms):');
console.log('  size      template                                             mode              p50     p99     max    n');
for (const [target, iterations] of [[10 * 1024, 300], [100 * 1024, 200], [1024 * 1024, 60]]) {
  const template = closestTo(target);
  for (const mode of ['push', 'pull', 'push-debounced']) {
    if (mode === 'push-debounced' && target > 10 * 1024) continue;
    const r = await latency(template, mode, mode === 'push-debounced' ? 30 : iterations);
    console.log(`  ${(template.size / 1024).toFixed(0).padStart(5)} KB  ${path.relative(corpus, template.file).slice(0, 52).padEnd(52)} ${mode.padEnd(15)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.max)} ${String(r.n).padStart(4)}`);
  }
}

const razor = razorPage(closestTo(1024 * 1024));
for (const mode of ['push', 'pull']) {
  const r = await latency(razor, mode, 60);
  console.log(`  ${(razor.size / 1024).toFixed(0).padStart(5)} KB  ${'(synthetic) Index.cshtml around the 1 MB page'.padEnd(52)} ${mode.padEnd(15)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.max)} ${String(r.n).padStart(4)}`);
}
rmSync(razor.dir, { recursive: true, force: true });

console.log('\nmemory with 500 open documents, then all closed:');
const m = await memory(500);
console.log(`  RSS after initialize ${m.baseline.toFixed(0)} MB; with 500 documents (${m.mb.toFixed(1)} MB of text) analyzed: ${m.rss.toFixed(0)} MB; after closing them all: ${m.closed.toFixed(0)} MB (${((m.closed / m.baseline - 1) * 100).toFixed(0)}% above the start)`);

const ws = workspaceOf(1100);
console.log(`\nfirst diagnostics of a document opened at start in a workspace of ${ws.count} templates, 3 runs:`);
const firsts = [];
for (let i = 0; i < 3; i++) firsts.push(await workspaceFirstDiagnostics(ws));
console.log(`  first diagnostics: median ${fmt(percentile(firsts.map((f) => f.first), 50))} ms (max ${fmt(Math.max(...firsts.map((f) => f.first)))}); index done (progress end): median ${fmt(percentile(firsts.map((f) => f.indexed), 50))} ms`);
rmSync(ws.dir, { recursive: true, force: true });
