import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageFolders, nonce, previewHtml, problemSummary, ShareCardModel, withImageSources } from '../src/sharePreview';

const assets = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/share-preview.css',
  cardsScriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/share-cards.js',
  previewScriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/share-preview.js',
};

function card(images: Array<{ url: string; fileUri?: string; exists: boolean } | null>): ShareCardModel {
  return {
    uri: 'file:///site/index.html',
    version: 3,
    composed: false,
    composedFrom: [],
    platforms: images.map((image, i) => ({ id: `p${i}`, image })),
    problems: { errors: 0, warnings: 2, infos: 1, hints: 0 },
  };
}

describe('previewHtml', () => {
  const html = previewHtml(assets, 'Share preview <index>');

  it('has a strict CSP: nothing by default, images from the webview or data:, scripts by nonce only', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.equal(csp, `default-src 'none'; img-src ${assets.cspSource} data:; style-src ${assets.cspSource}; script-src 'nonce-abc123'`);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2);
    assert.ok(scripts.every((s) => s.includes('nonce="abc123"') && s.includes(' src=')), 'no inline script');
  });

  it('loads nothing from the network and escapes the title', () => {
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(urls, [assets.styleUri, assets.cardsScriptUri, assets.previewScriptUri]);
    assert.ok(html.includes('Share preview &#60;index&#62;'));
    assert.ok(!html.includes('<index>'));
  });

  it('nonces differ and are alphanumeric', () => {
    const a = nonce();
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, nonce());
  });
});

describe('images', () => {
  const model = card([
    { url: '/img/card.png', fileUri: 'file:///site/img/card.png', exists: true },
    { url: '/img/gone.png', fileUri: 'file:///site/img/gone.png', exists: false },
    { url: 'https://cdn.example/x.png', exists: false },
    null,
    { url: '/assets/x.png', fileUri: 'file:///site/assets/x.png', exists: true },
  ]);

  it('only local files that exist get a webview source', () => {
    const shown = withImageSources(model, (u) => 'vscode-resource:' + u);
    assert.deepEqual(shown.platforms.map((p) => p.image?.src), ['vscode-resource:file:///site/img/card.png', undefined, undefined, undefined, 'vscode-resource:file:///site/assets/x.png']);
    assert.equal(model.platforms[0].image!.src, undefined, 'the model itself is not changed');
  });

  it('the resource roots are the folders of those files', () => {
    assert.deepEqual(imageFolders(model), ['file:///site/img', 'file:///site/assets']);
  });
});

describe('problemSummary', () => {
  it('counts by severity and says when there are none', () => {
    assert.equal(problemSummary({ errors: 1, warnings: 2, infos: 1, hints: 0 }), '1 error, 2 warnings, 1 info');
    assert.equal(problemSummary({ errors: 0, warnings: 0, infos: 0, hints: 0 }), 'no problems');
  });
});
