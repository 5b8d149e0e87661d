import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headPosition, hoversToMarkdown, positionAt, previewPage, previewPath } from '../src/preview';
import { presentStatus, ServerStatus } from '../src/status';

describe('headPosition', () => {
  it('points inside <head>', () => {
    assert.deepEqual(headPosition('<!doctype html>\n<html>\n  <head>\n'), { line: 2, character: 3 });
  });
  it('skips <header> and finds <head> after it', () => {
    assert.deepEqual(headPosition('<header></header>\n<HEAD>'), { line: 1, character: 1 });
  });
  it('falls back to <title>, then Blazor head content, then a social meta tag', () => {
    assert.deepEqual(headPosition('@page "/"\n<title>x</title>'), { line: 1, character: 1 });
    assert.deepEqual(headPosition('@page "/"\r\n<PageTitle>x</PageTitle>'), { line: 1, character: 1 });
    assert.deepEqual(headPosition('<HeadContent>\n</HeadContent>'), { line: 0, character: 1 });
    assert.deepEqual(headPosition('x\n <meta property="og:title" content="a">'), { line: 1, character: 2 });
  });
  it('is the start of the file when there is no head at all', () => {
    assert.deepEqual(headPosition('<div>partial</div>'), { line: 0, character: 0 });
  });
  it('counts UTF-16 code units and all line endings', () => {
    assert.deepEqual(positionAt('😀a\r\nb\rc', 7), { line: 2, character: 0 });
    assert.deepEqual(positionAt('😀<head>', 3), { line: 0, character: 3 });
  });
});

describe('hoversToMarkdown', () => {
  it('joins every hover part and skips empty ones', () => {
    const md = hoversToMarkdown([{ contents: [{ value: '**X** card' }, ''] }, { contents: ['plain', { language: 'html', value: '<head>' }] }]);
    assert.equal(md, '**X** card\n\n---\n\nplain\n\n---\n\n```html\n<head>\n```');
  });
  it('is undefined without content', () => {
    assert.equal(hoversToMarkdown([]), undefined);
    assert.equal(hoversToMarkdown([{ contents: ['  '] }]), undefined);
  });
});

describe('preview page', () => {
  it('names the template and is a .md path', () => {
    assert.equal(previewPage('Pages/Index.cshtml', ' body '), '# Social preview: Pages/Index.cshtml\n\nbody\n');
    assert.equal(previewPath('/w/Pages/Index.cshtml'), '/Index.cshtml.social-preview.md');
    assert.equal(previewPath('C:\\w\\index.html'), '/index.html.social-preview.md');
  });
});

describe('presentStatus', () => {
  it('has a distinct text for every state and flags only failure', () => {
    const states: ServerStatus[] = ['disabled', 'starting', 'running', 'stopped', 'failed'];
    const texts = states.map((s) => presentStatus(s).text);
    assert.equal(new Set(texts).size, states.length);
    assert.ok(texts.every((t) => t.endsWith('SmoLsp')));
    assert.deepEqual(states.filter((s) => presentStatus(s).error), ['failed']);
    assert.match(presentStatus('running', 'dotnet smolsp.dll lsp').tooltip, /\ndotnet smolsp\.dll lsp$/);
  });
});
