// The Share preview webview: draws what the extension posts with SmolspCards (share-cards.js) and sends clicks on a
// card's field back as a jump to the tag. No network, no inline script (the page's CSP allows neither).
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('cards');
  const title = document.getElementById('sp-title');
  const status = document.getElementById('sp-status');
  const label = (loc) => loc.uri.slice(loc.uri.lastIndexOf('/') + 1) + ':' + (loc.range.start.line + 1);
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'card') return;
    title.textContent = message.title;
    status.textContent = message.status;
    SmolspCards.render(root, message.card, {
      onJump: (location) => vscode.postMessage({ type: 'jump', location: location }),
      locationLabel: label,
    });
    document.body.dataset.version = message.card ? String(message.card.version) : '';
  });
  vscode.postMessage({ type: 'ready' });
})();
