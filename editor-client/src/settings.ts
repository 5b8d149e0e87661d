// Maps the `smolsp.*` VS Code settings to the configuration object the server reads. Pure, so the
// exact shape the server receives is pinned by unit tests rather than discovered in a debugger.

export const CONFIGURATION_SECTION = 'smolsp';

export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What the server receives for the `smolsp` section (workspace/configuration and didChangeConfiguration). The
 * server parses it like a smolsp.json, where an unknown key is an error, so only configuration keys go here.
 */
export interface ServerConfiguration {
  siteUrl: string | null;
  siteName: string | null;
  twitterSite: string | null;
  profiles: string[];
  rules: Record<string, Severity>;
}

/**
 * Sent once in `initialize`: the user-level plugin trust (`smolsp.plugins.allow`), where rule links point
 * (`smolsp.docs.baseUrl`; unset: the pages shipped with the server, as file:// links), and that the log should
 * arrive as window/logMessage with its levels. Fixed for the server's lifetime (changing them restarts the server);
 * never travels with the workspace-scoped settings.
 */
export interface InitializationOptions {
  allowPlugins: boolean;
  logMessages: true;
  docsBaseUrl?: string;
}

export function toInitializationOptions(userAllowsPlugins: unknown, docsBaseUrl?: unknown): InitializationOptions {
  // Only a literal true trusts: a string "true" from a hand-edited settings file does not.
  const options: InitializationOptions = { allowPlugins: userAllowsPlugins === true, logMessages: true };
  if (typeof docsBaseUrl === 'string' && /^(https?|file):\/\/\S+$/.test(docsBaseUrl.trim())) {
    options.docsBaseUrl = docsBaseUrl.trim();
  }
  return options;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<string, LogLevel> = { VRB: 'trace', DBG: 'debug', INF: 'info', WRN: 'warn', ERR: 'error', FTL: 'error' };

/**
 * The level of a line the server wrote to stderr (`[12:00:00.000 WRN] message`), and the message without the
 * prefix; a line without one (a stack trace under an error) keeps the previous line's level.
 */
export function stderrLine(line: string, previous: LogLevel = 'info'): { level: LogLevel; message: string } {
  const match = /^\[\d{2}:\d{2}:\d{2}\.\d{3} (VRB|DBG|INF|WRN|ERR|FTL)\] ?(.*)$/.exec(line);
  return match ? { level: LEVELS[match[1]], message: match[2] } : { level: previous, message: line };
}

export interface MappedSettings {
  configuration: ServerConfiguration;
  /** Values that were ignored, one sentence each, for the output channel. */
  problems: string[];
}

const RULE_ID = /^[A-Za-z][A-Za-z0-9]*\d{3}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function read(section: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(section, key) ? section[key] : undefined;
}

function text(value: unknown, key: string, problems: string[]): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    problems.push(`smolsp.${key} must be a string; ignored.`);
    return null;
  }
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** `acme` and `https://x.com/acme` both mean `@acme`: the server wants the handle form X documents. */
export function normalizeTwitterSite(value: string): string {
  const fromUrl = /^https?:\/\/(?:www\.)?(?:x|twitter)\.com\/@?([A-Za-z0-9_]+)\/?$/i.exec(value);
  if (fromUrl) {
    return '@' + fromUrl[1];
  }
  return value.startsWith('@') ? value : '@' + value;
}

export function toServerConfiguration(section: unknown): MappedSettings {
  const problems: string[] = [];
  const source = isRecord(section) ? section : {};

  const siteUrl = text(read(source, 'siteUrl'), 'siteUrl', problems);
  const twitterSite = text(read(source, 'twitterSite'), 'twitterSite', problems);

  const profiles: string[] = [];
  const rawProfiles = read(source, 'profiles');
  if (Array.isArray(rawProfiles)) {
    for (const p of rawProfiles) {
      if (typeof p === 'string' && p.trim().length > 0) {
        profiles.push(p.trim());
      } else {
        problems.push(`smolsp.profiles: ${JSON.stringify(p)} is not a URL string; ignored.`);
      }
    }
  } else if (rawProfiles !== undefined && rawProfiles !== null) {
    problems.push('smolsp.profiles must be an array of profile URLs; ignored.');
  }

  const rules: Record<string, Severity> = {};
  const rawRules = read(source, 'rules');
  if (isRecord(rawRules)) {
    for (const [id, value] of Object.entries(rawRules)) {
      if (!RULE_ID.test(id)) {
        problems.push(`smolsp.rules: '${id}' is not a rule id (like SMO203); ignored.`);
        continue;
      }
      const severity = typeof value === 'string' ? value.trim().toLowerCase() : value;
      if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
        problems.push(`smolsp.rules.${id}: ${JSON.stringify(value)} is not one of ${SEVERITIES.join(', ')}; ignored.`);
        continue;
      }
      rules[id.toUpperCase()] = severity as Severity;
    }
  } else if (rawRules !== undefined && rawRules !== null) {
    problems.push('smolsp.rules must be an object of rule id to severity; ignored.');
  }

  return {
    configuration: {
      // The server stores site URLs without a trailing slash; do the same so both sources compare equal.
      siteUrl: siteUrl === null ? null : siteUrl.replace(/\/+$/, ''),
      siteName: text(read(source, 'siteName'), 'siteName', problems),
      twitterSite: twitterSite === null ? null : normalizeTwitterSite(twitterSite),
      profiles,
      rules,
    },
    problems,
  };
}
