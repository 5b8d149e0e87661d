// The pure half of "Show social preview": where to ask for a hover when the server has no
// smolsp/socialPreview request, and how to turn the answer into one Markdown page.

export const PREVIEW_SCHEME = 'smolsp-preview';

export interface Position {
  line: number;
  character: number;
}

/**
 * Where the server's head hover lives: the first `<head>`, else the first head-level element a layout-less
 * page or Blazor component has (`<title>`, `<PageTitle>`, `<HeadContent>`, a social meta tag), else the start.
 * Characters are UTF-16 code units, as LSP positions are by default.
 */
export function headPosition(text: string): Position {
  const patterns = [/<head[\s>]/i, /<title[\s>]/i, /<PageTitle[\s>]/, /<HeadContent[\s>]/, /<meta\s[^>]*(?:og|twitter):/i];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      // Inside the tag name (after `<`), where a hover on the element is answered.
      return positionAt(text, match.index + 1);
    }
  }
  return { line: 0, character: 0 };
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

type HoverContent = string | { value: string } | { language: string; value: string };

/** Joins the Markdown of every hover (the server's and any other extension's) into one page. */
export function hoversToMarkdown(hovers: ReadonlyArray<{ contents: ReadonlyArray<HoverContent> }>): string | undefined {
  const parts: string[] = [];
  for (const hover of hovers) {
    for (const content of hover.contents) {
      const value = typeof content === 'string' ? content : 'language' in content ? '```' + content.language + '\n' + content.value + '\n```' : content.value;
      if (value.trim().length > 0) {
        parts.push(value.trim());
      }
    }
  }
  return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
}

/** The page shown in the Markdown preview: a heading naming the template, then the server's Markdown. */
export function previewPage(templateName: string, markdown: string): string {
  return `# Social preview: ${templateName}\n\n${markdown.trim()}\n`;
}

/** The virtual document's path: ends in .md so VS Code treats it as Markdown. */
export function previewPath(templatePath: string): string {
  const name = templatePath.split(/[\\/]/).pop() || 'template';
  return `/${name}.social-preview.md`;
}

export const NO_PREVIEW_MESSAGE =
  'SmoLsp: no social preview for this file. The server answers for documents with a <head> (or head content); ' +
  'check the SmoLsp output for errors.';
