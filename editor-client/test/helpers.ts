import { mkdtempSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** The editor-client folder (tests run from out/test). */
export const root = path.resolve(__dirname, '..', '..');

export function tempDir(prefix = 'smolsp-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readJson<T = any>(relative: string): T {
  return JSON.parse(readFileSync(path.join(root, relative), 'utf8')) as T;
}

/** Imports one of the .mjs build scripts (ES modules) from the CommonJS tests. */
export function importScript<T = any>(name: string): Promise<T> {
  return import(pathToFileURL(path.join(root, 'scripts', name)).href) as Promise<T>;
}
