// Identifiers shared by the code and package.json. Kept free of `vscode` imports so the manifest tests can
// check that package.json contributes exactly what the code uses.

export const CLIENT_ID = 'smolsp';
export const CLIENT_NAME = 'SmoLsp';

export const COMMANDS = {
  fixAll: 'smolsp.fixAll',
  showPreview: 'smolsp.showPreview',
  restart: 'smolsp.restart',
  showOutput: 'smolsp.showOutput',
} as const;

/** The code action kind the server offers for "apply every safe fix"; also usable in editor.codeActionsOnSave. */
export const FIX_ALL_KIND = 'source.fixAll.smolsp';

/** Custom request: { textDocument: { uri } } -> the share-card model (docs/share-cards.md) | null. */
export const SHARE_CARD_REQUEST = 'smolsp/shareCard';

/**
 * `.cshtml` is `razor` in plain VS Code and `aspnetcorerazor` with the C# extension; `.razor` only has a
 * language id with the C# extension, so the file patterns catch both files whatever the installed extensions.
 */
export const LANGUAGE_IDS = ['html', 'razor', 'aspnetcorerazor'] as const;
export const FILE_PATTERNS = ['**/*.cshtml', '**/*.razor'] as const;
export const SCHEMES = ['file', 'untitled'] as const;

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

export const DOCUMENT_SELECTOR: DocumentFilter[] = SCHEMES.flatMap((scheme) => [
  ...LANGUAGE_IDS.map((language) => ({ scheme, language })),
  ...FILE_PATTERNS.map((pattern) => ({ scheme, pattern })),
]);
