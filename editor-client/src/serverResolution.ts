// Finds the SmoLsp language server. Pure: every file-system and environment fact comes in through
// `ResolutionHost` (nodeResolutionHost at the end is the real one), so the whole decision table is unit-tested without VS Code or a real server.
import * as fs from 'fs';
import * as path from 'path';

/** The setting users change when the server cannot be found; the error's action opens it. */
export const SERVER_PATH_SETTING = 'smolsp.server.path';
export const SERVER_PATH_ENV = 'SMOLSP_SERVER_PATH';
/** Where `npm run package` puts the framework-dependent server inside the extension (the universal .vsix; needs dotnet). */
export const BUNDLED_SERVER_RELATIVE = path.posix.join('server', 'smolsp.dll');
/** Where `npm run package -- --target RID` puts the native server (Native AOT: no .NET needed) in a platform .vsix. */
export const BUNDLED_NATIVE_FOLDER = path.posix.join('server', 'native');

/** The native server's file name on a platform. */
export function nativeServerName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'smolsp.exe' : 'smolsp';
}
/** Arguments after the program; vscode-languageclient appends `--stdio` itself for stdio transport. */
export const SERVER_SUBCOMMAND = 'lsp';

export type ServerSource = 'environment' | 'setting' | 'bundled-native' | 'bundled';

export interface ResolutionHost {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** 'file', 'directory', or undefined when nothing is there. */
  stat(p: string): 'file' | 'directory' | undefined;
}

export interface ResolutionInput {
  /** The value of `smolsp.server.path` (empty or undefined when unset). */
  settingPath?: string;
  /** The extension's install folder (context.extensionPath). */
  extensionPath: string;
  /** The first workspace folder: relative setting paths and `${workspaceFolder}` resolve against it. */
  workspaceFolder?: string;
}

export interface ResolvedServer {
  ok: true;
  source: ServerSource;
  /** The program to spawn: `dotnet` (absolute) for a .dll, else the executable itself. */
  command: string;
  /** Arguments before the client's `--stdio`. */
  args: string[];
  /** The server file that was found (the .dll or the executable). */
  serverPath: string;
  /** One line for the output channel: where it came from and the full command line. */
  description: string;
}

export interface ResolutionAction {
  title: string;
  command: string;
  arguments: unknown[];
}

export interface ResolutionError {
  ok: false;
  source?: ServerSource;
  reason: 'not-found' | 'dotnet-missing';
  message: string;
  action: ResolutionAction;
}

export type ServerResolution = ResolvedServer | ResolutionError;

export const OPEN_SETTINGS_ACTION: ResolutionAction = {
  title: 'Open Settings',
  command: 'workbench.action.openSettings',
  arguments: [SERVER_PATH_SETTING],
};

const SOURCE_LABEL: Record<ServerSource, string> = {
  environment: `the ${SERVER_PATH_ENV} environment variable`,
  setting: `the ${SERVER_PATH_SETTING} setting`,
  'bundled-native': 'the native server bundled with the extension',
  bundled: 'the server bundled with the extension',
};

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Expands `~` and `${workspaceFolder}`, and makes a relative path absolute against `base`. */
export function expandPath(raw: string, host: ResolutionHost, base: string | undefined): string {
  const p = pathApi(host.platform);
  let value = raw.trim();
  if (base !== undefined) {
    value = value.replace(/\$\{workspaceFolder\}/g, base);
  }
  const home = host.env.HOME ?? host.env.USERPROFILE;
  if (home && (value === '~' || value.startsWith('~/') || value.startsWith('~\\'))) {
    value = p.join(home, value.slice(1));
  }
  if (!p.isAbsolute(value) && base !== undefined) {
    value = p.resolve(base, value);
  }
  return p.normalize(value);
}

/** Looks a program up on PATH the way a shell would (with PATHEXT on Windows). */
export function findOnPath(program: string, host: ResolutionHost): string | undefined {
  const p = pathApi(host.platform);
  const isWindows = host.platform === 'win32';
  const pathVar = host.env.PATH ?? host.env.Path ?? '';
  const extensions = isWindows ? (host.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of pathVar.split(isWindows ? ';' : ':')) {
    if (!dir) {
      continue;
    }
    for (const ext of extensions) {
      const candidate = p.join(dir, program + ext.toLowerCase());
      if (host.stat(candidate) === 'file') {
        return candidate;
      }
    }
  }
  return undefined;
}

/** `dotnet` on PATH, else under DOTNET_ROOT (set by installers that do not touch PATH). */
export function findDotnet(host: ResolutionHost): string | undefined {
  const onPath = findOnPath('dotnet', host);
  if (onPath) {
    return onPath;
  }
  const root = host.env.DOTNET_ROOT;
  if (root) {
    const candidate = pathApi(host.platform).join(root, host.platform === 'win32' ? 'dotnet.exe' : 'dotnet');
    if (host.stat(candidate) === 'file') {
      return candidate;
    }
  }
  return undefined;
}

function quote(arg: string): string {
  return /[\s"']/.test(arg) ? JSON.stringify(arg) : arg;
}

function notFound(source: ServerSource | undefined, message: string): ResolutionError {
  return { ok: false, source, reason: 'not-found', message, action: OPEN_SETTINGS_ACTION };
}

/** Turns a found server file into the command line: a .dll runs with dotnet, anything else directly. */
function commandFor(serverPath: string, source: ServerSource, host: ResolutionHost): ServerResolution {
  if (serverPath.toLowerCase().endsWith('.dll')) {
    const dotnet = findDotnet(host);
    if (!dotnet) {
      return {
        ok: false,
        source,
        reason: 'dotnet-missing',
        message:
          `SmoLsp found its server (${serverPath}, from ${SOURCE_LABEL[source]}) but cannot run it: ` +
          '`dotnet` is not on PATH. Install the .NET 10 runtime (https://dot.net/download) and restart VS Code, ' +
          `or set ${SERVER_PATH_SETTING} to a self-contained smolsp executable.`,
        action: OPEN_SETTINGS_ACTION,
      };
    }
    const args = [serverPath, SERVER_SUBCOMMAND];
    return {
      ok: true,
      source,
      command: dotnet,
      args,
      serverPath,
      description: `SmoLsp server from ${SOURCE_LABEL[source]}: ${[dotnet, ...args, '--stdio'].map(quote).join(' ')}`,
    };
  }
  const args = [SERVER_SUBCOMMAND];
  return {
    ok: true,
    source,
    command: serverPath,
    args,
    serverPath,
    description: `SmoLsp server from ${SOURCE_LABEL[source]}: ${[serverPath, ...args, '--stdio'].map(quote).join(' ')}`,
  };
}

/**
 * A folder given as the server path is a `dotnet publish` output: look for smolsp.dll (or the apphost)
 * inside it, so users can point the setting at the folder they just published.
 */
function fileInFolder(folder: string, host: ResolutionHost): string | undefined {
  const p = pathApi(host.platform);
  const candidates = ['smolsp.dll', host.platform === 'win32' ? 'smolsp.exe' : 'smolsp'];
  return candidates.map((c) => p.join(folder, c)).find((c) => host.stat(c) === 'file');
}

function explicitServer(raw: string, source: ServerSource, host: ResolutionHost, base: string | undefined): ServerResolution {
  const full = expandPath(raw, host, base);
  const kind = host.stat(full);
  if (kind === 'file') {
    return commandFor(full, source, host);
  }
  if (kind === 'directory') {
    const inside = fileInFolder(full, host);
    if (inside) {
      return commandFor(inside, source, host);
    }
    return notFound(source, `SmoLsp: ${SOURCE_LABEL[source]} points at the folder ${full}, which holds no smolsp.dll. Point it at smolsp.dll or at a smolsp executable.`);
  }
  return notFound(source, `SmoLsp: ${SOURCE_LABEL[source]} points at ${full}, which does not exist. Fix the path, or clear it to use the bundled server.`);
}

/**
 * The server to start, in order: SMOLSP_SERVER_PATH, the smolsp.server.path setting, the native server of a
 * platform-specific package, the bundled smolsp.dll run with dotnet (the universal package: the fallback where no
 * native build exists). An explicit path that is wrong is an error rather than a silent fallback: the user asked for
 * that server.
 */
export function resolveServer(input: ResolutionInput, host: ResolutionHost): ServerResolution {
  const fromEnv = host.env[SERVER_PATH_ENV]?.trim();
  if (fromEnv) {
    // VS Code's own working directory is arbitrary, so a relative path here also means the workspace folder.
    return explicitServer(fromEnv, 'environment', host, input.workspaceFolder);
  }
  const fromSetting = input.settingPath?.trim();
  if (fromSetting) {
    return explicitServer(fromSetting, 'setting', host, input.workspaceFolder);
  }
  const p = pathApi(host.platform);
  const native = p.join(input.extensionPath, BUNDLED_NATIVE_FOLDER, nativeServerName(host.platform));
  if (host.stat(native) === 'file') {
    return commandFor(native, 'bundled-native', host);
  }
  const bundled = p.join(input.extensionPath, BUNDLED_SERVER_RELATIVE);
  if (host.stat(bundled) === 'file') {
    return commandFor(bundled, 'bundled', host);
  }
  return notFound(
    undefined,
    `SmoLsp cannot find its language server: this copy of the extension has no bundled server (${native} or ${bundled}) and neither ` +
      `${SERVER_PATH_ENV} nor ${SERVER_PATH_SETTING} is set. Set ${SERVER_PATH_SETTING} to a smolsp.dll ` +
      '(from `dotnet publish server/SmoLsp.Server -c Release -o DIR`) or a smolsp executable.',
  );
}

/** The real host: process environment and the file system. Used by the extension and the protocol test alike. */
export function nodeResolutionHost(env: Readonly<Record<string, string | undefined>> = process.env): ResolutionHost {
  return {
    env,
    platform: process.platform,
    stat(p) {
      try {
        const s = fs.statSync(p);
        return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
