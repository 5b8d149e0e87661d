// The pure half of the "Share preview" webview: its HTML (a strict CSP, no remote anything), the card with image
// sources the webview may load, and which folders it must be allowed to read. extension.ts does the VS Code calls.

export const SHARE_PREVIEW_VIEW_TYPE = 'smolsp.sharePreview';

/** How long typing must pause before the preview asks the server again. */
export const PREVIEW_DEBOUNCE_MS = 250;

/** The subset of the `smolsp/shareCard` answer the extension touches; the renderer reads the rest (docs/share-cards.md). */
export interface ShareCardImage {
  url: string;
  fileUri?: string;
  exists: boolean;
  src?: string;
}

export interface ShareCardModel {
  uri: string;
  version: number;
  composed: boolean;
  composedFrom: string[];
  platforms: Array<{ id: string; image?: ShareCardImage | null }>;
  problems: { errors: number; warnings: number; infos: number; hints: number };
}

export interface PreviewAssets {
  /** The webview's `cspSource` (the origin of resources it may load). */
  cspSource: string;
  /** A fresh random value per page: only scripts carrying it run. */
  nonce: string;
  styleUri: string;
  cardsScriptUri: string;
  previewScriptUri: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page: the cards stylesheet and two scripts from the extension's own files, images only from the webview's
 * resource roots or data: URIs, nothing else (no inline script, no remote fonts, no network).
 */
export function previewHtml(assets: PreviewAssets, title: string): string {
  const csp = [
    "default-src 'none'",
    `img-src ${assets.cspSource} data:`,
    `style-src ${assets.cspSource}`,
    `script-src 'nonce-${assets.nonce}'`,
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(assets.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<header class="sp-header"><span id="sp-title">${escapeHtml(title)}</span> <span id="sp-status" class="sp-status">waiting for the language server…</span></header>
<main id="cards" class="vscode"></main>
<script nonce="${assets.nonce}" src="${escapeHtml(assets.cardsScriptUri)}"></script>
<script nonce="${assets.nonce}" src="${escapeHtml(assets.previewScriptUri)}"></script>
</body>
</html>
`;
}

/** A copy of the card whose local images that exist get a `src` the webview can load (via `toWebviewUri`). */
export function withImageSources<T extends ShareCardModel>(card: T, toWebviewUri: (fileUri: string) => string): T {
  return {
    ...card,
    platforms: card.platforms.map((p) =>
      p.image && p.image.fileUri && p.image.exists ? { ...p, image: { ...p.image, src: toWebviewUri(p.image.fileUri) } } : p,
    ),
  };
}

/** The folders (as file URIs) holding the card's local images: the webview's resource roots must include them. */
export function imageFolders(card: ShareCardModel): string[] {
  const folders = new Set<string>();
  for (const p of card.platforms) {
    const uri = p.image?.exists ? p.image.fileUri : undefined;
    if (uri) {
      folders.add(uri.slice(0, uri.lastIndexOf('/')));
    }
  }
  return [...folders];
}

/** "3 warnings, 1 info" / "no problems": the header beside the file name. */
export function problemSummary(problems: ShareCardModel['problems']): string {
  const parts: string[] = [];
  const add = (n: number, word: string) => n > 0 && parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  add(problems.errors, 'error');
  add(problems.warnings, 'warning');
  add(problems.infos, 'info');
  add(problems.hints, 'hint');
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

export function nonce(random: () => number = Math.random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let value = '';
  for (let i = 0; i < 32; i++) {
    value += chars.charAt(Math.floor(random() * chars.length));
  }
  return value;
}
