import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentStatus, ServerStatus } from '../src/status';

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
