// A small stand-in for the `vscode` module and for `vscode-languageclient/node`, enough to run activate()
// and the commands. VS Code itself cannot be downloaded here, so activation wiring is tested against this.
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    this.listeners.forEach((l) => l(e));
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
  ) {}
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}:${this.path}${this.query ? '?' + this.query : ''}`;
  }
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
  static from(parts: { scheme: string; path?: string; query?: string }): FakeUri {
    return new FakeUri(parts.scheme, parts.path ?? '', parts.query ?? '');
  }
  static parse(text: string): FakeUri {
    const colon = text.indexOf(':');
    return new FakeUri(text.slice(0, colon), text.slice(colon + 1).replace(/^\/\//, ''));
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(base.scheme, [base.path, ...parts].join('/'));
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) {
    this.start = new Position(sl, sc);
    this.end = new Position(el, ec);
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export interface FakeDocument {
  uri: FakeUri;
  languageId: string;
  lineCount: number;
  getText(): string;
  validateRange(r: Range): Range;
}

export function fakeDocument(filePath: string, languageId: string, text: string): FakeDocument {
  return { uri: FakeUri.file(filePath), languageId, lineCount: text.split('\n').length, getText: () => text, validateRange: (r) => r };
}

export interface FakeOutputChannel {
  name: string;
  lines: string[];
  shown: number;
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
  trace(m: string): void;
  debug(m: string): void;
  appendLine(m: string): void;
  show(): void;
  dispose(): void;
}

export interface FakeStatusBarItem {
  id: string;
  text: string;
  tooltip?: string;
  command?: string;
  name?: string;
  backgroundColor?: ThemeColor;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

/** A webview panel as the extension sees it; what it posted and the handler of messages from the page. */
export interface FakeWebviewPanel {
  viewType: string;
  title: string;
  options: unknown;
  revealed: number;
  webview: {
    html: string;
    options: unknown;
    cspSource: string;
    posted: unknown[];
    asWebviewUri(uri: FakeUri): FakeUri;
    postMessage(message: unknown): Promise<boolean>;
    onDidReceiveMessage(listener: Listener<unknown>): { dispose(): void };
    receive(message: unknown): void;
  };
  reveal(): void;
  onDidDispose(listener: () => void): { dispose(): void };
  dispose(): void;
}

export interface MockOptions {
  /** Flat settings, e.g. { 'smolsp.server.path': '/x/smolsp.dll' }. */
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  /** What showErrorMessage resolves to (the clicked button). */
  errorChoice?: string;
  /** Leave error messages open (their promise never settles), as when the user has not dismissed them. */
  errorsStayOpen?: boolean;
  /** Handlers for executeCommand of commands the extension does not register itself. */
  commandHandlers?: Record<string, (...args: unknown[]) => unknown>;
}

export interface VscodeMock {
  module: Record<string, unknown>;
  settings: Record<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: Array<{ command: string; args: unknown[] }>;
  messages: Array<{ kind: 'error' | 'warning' | 'info'; message: string; items: string[] }>;
  outputChannels: FakeOutputChannel[];
  statusItems: FakeStatusBarItem[];
  contentProviders: Map<string, { provideTextDocumentContent(uri: FakeUri): string }>;
  appliedEdits: unknown[];
  shownDocuments: unknown[];
  configurationListeners: Array<Listener<{ affectsConfiguration(section: string): boolean }>>;
  window: { activeTextEditor?: { document: FakeDocument } };
  panels: FakeWebviewPanel[];
  textDocumentChanges: EventEmitter<{ document: FakeDocument }>;
  activeEditorChanges: EventEmitter<{ document: FakeDocument } | undefined>;
}

function nested(flat: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (!key.startsWith(prefix + '.')) {
      continue;
    }
    const parts = key.slice(prefix.length + 1).split('.');
    let current = result;
    for (const part of parts.slice(0, -1)) {
      current = (current[part] ??= {}) as Record<string, unknown>;
    }
    current[parts[parts.length - 1]] = value;
  }
  return result;
}

export function createVscodeMock(options: MockOptions = {}): VscodeMock {
  const settings = { ...(options.settings ?? {}) };
  const mock: VscodeMock = {
    module: {},
    settings,
    commands: new Map(),
    executed: [],
    messages: [],
    outputChannels: [],
    statusItems: [],
    contentProviders: new Map(),
    appliedEdits: [],
    shownDocuments: [],
    configurationListeners: [],
    window: {},
    panels: [],
    textDocumentChanges: new EventEmitter(),
    activeEditorChanges: new EventEmitter(),
  };
  const disposable = { dispose() {} };
  const message = (kind: 'error' | 'warning' | 'info') => (text: string, ...items: string[]) => {
    mock.messages.push({ kind, message: text, items });
    if (kind === 'error' && options.errorsStayOpen) {
      return new Promise<undefined>(() => {});
    }
    return Promise.resolve(kind === 'error' ? options.errorChoice : undefined);
  };

  const getConfiguration = (section?: string) => ({
    get<T>(key: string, defaultValue?: T): T | undefined {
      if (section === undefined) {
        const tree = nested(settings, key);
        return (Object.keys(tree).length > 0 ? tree : defaultValue) as T;
      }
      const full = `${section}.${key}`;
      return (full in settings ? settings[full] : defaultValue) as T;
    },
    has: (key: string) => `${section}.${key}` in settings,
    inspect<T>(key: string) {
      const full = `${section}.${key}`;
      return { key: full, globalValue: settings[full] as T | undefined };
    },
  });

  const window = {
    get activeTextEditor() {
      return mock.window.activeTextEditor;
    },
    createOutputChannel(name: string) {
      const channel: FakeOutputChannel = {
        name,
        lines: [],
        shown: 0,
        info: (m) => channel.lines.push(`[info] ${m}`),
        warn: (m) => channel.lines.push(`[warning] ${m}`),
        error: (m) => channel.lines.push(`[error] ${m}`),
        trace: (m) => channel.lines.push(`[trace] ${m}`),
        debug: (m) => channel.lines.push(`[debug] ${m}`),
        appendLine: (m) => channel.lines.push(m),
        show: () => channel.shown++,
        dispose() {},
      };
      mock.outputChannels.push(channel);
      return channel;
    },
    createStatusBarItem(id: string) {
      const item: FakeStatusBarItem = {
        id,
        text: '',
        visible: false,
        show: () => (item.visible = true),
        hide: () => (item.visible = false),
        dispose() {},
      };
      mock.statusItems.push(item);
      return item;
    },
    showErrorMessage: message('error'),
    showWarningMessage: message('warning'),
    showInformationMessage: message('info'),
    showTextDocument: (doc: unknown, options?: unknown) => {
      mock.shownDocuments.push(options === undefined ? doc : { doc, options });
      return Promise.resolve(undefined);
    },
    get visibleTextEditors() {
      return mock.window.activeTextEditor ? [{ ...mock.window.activeTextEditor, viewColumn: 1 }] : [];
    },
    onDidChangeActiveTextEditor: mock.activeEditorChanges.event,
    createWebviewPanel(viewType: string, title: string, _column: unknown, options: unknown) {
      const received = new EventEmitter<unknown>();
      const disposed = new EventEmitter<void>();
      const panel: FakeWebviewPanel = {
        viewType,
        title,
        options,
        revealed: 0,
        webview: {
          html: '',
          options,
          cspSource: 'vscode-webview:',
          posted: [],
          asWebviewUri: (uri: FakeUri) => new FakeUri('vscode-webview', uri.path),
          postMessage(message: unknown) {
            panel.webview.posted.push(message);
            return Promise.resolve(true);
          },
          onDidReceiveMessage: received.event,
          receive: (message: unknown) => received.fire(message),
        },
        reveal: () => panel.revealed++,
        onDidDispose: (listener: () => void) => disposed.event(listener),
        dispose: () => disposed.fire(),
      };
      mock.panels.push(panel);
      return panel;
    },
  };

  const workspace = {
    get workspaceFolders() {
      return options.workspaceFolder ? [{ uri: FakeUri.file(options.workspaceFolder), name: 'ws', index: 0 }] : undefined;
    },
    getConfiguration,
    onDidChangeConfiguration(listener: Listener<{ affectsConfiguration(section: string): boolean }>) {
      mock.configurationListeners.push(listener);
      return disposable;
    },
    registerTextDocumentContentProvider(scheme: string, provider: { provideTextDocumentContent(uri: FakeUri): string }) {
      mock.contentProviders.set(scheme, provider);
      return disposable;
    },
    applyEdit(edit: unknown) {
      mock.appliedEdits.push(edit);
      return Promise.resolve(true);
    },
    openTextDocument(uri: FakeUri) {
      return Promise.resolve({ uri });
    },
    asRelativePath(uri: FakeUri) {
      return path.basename(uri.path);
    },
    createFileSystemWatcher: () => disposable,
    onDidChangeTextDocument: mock.textDocumentChanges.event,
  };

  const commands = {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
      if (mock.commands.has(id)) {
        throw new Error(`command '${id}' already exists`);
      }
      mock.commands.set(id, handler);
      return { dispose: () => mock.commands.delete(id) };
    },
    async executeCommand(command: string, ...args: unknown[]) {
      mock.executed.push({ command, args });
      const own = mock.commands.get(command);
      if (own) {
        return own(...args);
      }
      const handler = options.commandHandlers?.[command];
      return handler ? handler(...args) : undefined;
    },
  };

  const languages = {
    match(selector: Array<{ scheme?: string; language?: string; pattern?: string }>, document: FakeDocument) {
      const hit = selector.some(
        (f) =>
          (!f.scheme || f.scheme === document.uri.scheme) &&
          (!f.language || f.language === document.languageId) &&
          (!f.pattern || document.uri.path.endsWith(f.pattern.replace('**/*', ''))),
      );
      return hit ? 10 : 0;
    },
  };

  mock.module = {
    window,
    workspace,
    commands,
    languages,
    EventEmitter,
    Uri: FakeUri,
    Range,
    Position,
    ThemeColor,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    Disposable: class {
      constructor(private readonly fn: () => void) {}
      dispose() {
        this.fn();
      }
    },
  };
  return mock;
}

/** What the fake LanguageClient records; the extension's wiring is asserted against it. */
export interface FakeClientRecord {
  id: string;
  name: string;
  serverOptions: any;
  clientOptions: any;
  started: number;
  disposed: number;
  requests: Array<{ method: string; params: unknown }>;
  notifications: Array<{ method: string; params: unknown }>;
}

export class ResponseError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ClientMockOptions {
  /** Answers sendRequest; throw to fail the request. */
  onRequest?: (method: string, params: unknown) => unknown;
  /** Make start() reject with this message. */
  startError?: string;
}

export function createLanguageClientMock(options: ClientMockOptions = {}) {
  const clients: FakeClientRecord[] = [];
  const State = { Stopped: 1, Running: 2, Starting: 3, StartFailed: 4 };
  class LanguageClient {
    readonly record: FakeClientRecord;
    private running = false;
    private readonly stateChanged = new EventEmitter<{ oldState: number; newState: number }>();
    readonly code2ProtocolConverter = { asUri: (u: FakeUri) => u.toString() };
    constructor(id: string, name: string, serverOptions: unknown, clientOptions: unknown) {
      this.record = { id, name, serverOptions, clientOptions, started: 0, disposed: 0, requests: [], notifications: [] };
      clients.push(this.record);
    }
    onDidChangeState(listener: Listener<{ oldState: number; newState: number }>) {
      return this.stateChanged.event(listener);
    }
    async start() {
      this.record.started++;
      this.stateChanged.fire({ oldState: State.Stopped, newState: State.Starting });
      if (options.startError) {
        this.stateChanged.fire({ oldState: State.Starting, newState: State.StartFailed });
        throw new Error(options.startError);
      }
      this.running = true;
      this.stateChanged.fire({ oldState: State.Starting, newState: State.Running });
    }
    isRunning() {
      return this.running;
    }
    async stop() {
      this.running = false;
      this.stateChanged.fire({ oldState: State.Running, newState: State.Stopped });
    }
    async dispose() {
      this.record.disposed++;
      await this.stop();
    }
    async sendRequest(method: string, params: unknown) {
      this.record.requests.push({ method, params });
      return options.onRequest ? options.onRequest(method, params) : null;
    }
    async sendNotification(type: { method: string }, params: unknown) {
      this.record.notifications.push({ method: type.method, params });
    }
  }
  return {
    clients,
    module: {
      LanguageClient,
      State,
      TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 },
      ErrorCodes: { MethodNotFound: -32601 },
      ResponseError,
      DidChangeConfigurationNotification: { type: { method: 'workspace/didChangeConfiguration' } },
    },
  };
}

/** Makes `require(name)` return the given objects until the returned function is called. */
export function interceptRequire(mocks: Record<string, unknown>): () => void {
  const moduleApi = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = moduleApi._load;
  moduleApi._load = function (request: string, parent: unknown, isMain: boolean) {
    if (Object.prototype.hasOwnProperty.call(mocks, request)) {
      return mocks[request];
    }
    return original.call(this, request, parent, isMain);
  };
  return () => {
    moduleApi._load = original;
  };
}

/** Loads a module fresh (its module-level state reset), with the given requires intercepted. */
export function loadFresh<T>(modulePath: string, mocks: Record<string, unknown>): { exports: T; restore: () => void } {
  const restore = interceptRequire(mocks);
  const resolved = require.resolve(modulePath);
  delete require.cache[resolved];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { exports: require(resolved) as T, restore };
  } catch (error) {
    restore();
    throw error;
  }
}

export function fakeContext(extensionPath: string) {
  return { extensionPath, subscriptions: [] as Array<{ dispose(): unknown }> };
}

/**
 * The mock plus a stand-in for every other `vscode` export: the real vscode-languageclient (inside the bundle)
 * subclasses vscode classes such as CompletionItem when it loads, which only needs something constructible.
 */
export function looseVscodeModule(module: Record<string, unknown>): Record<string, unknown> {
  const stub = (name: string): unknown => {
    const target = function () {} as unknown as Record<string | symbol, unknown>;
    return new Proxy(target, {
      get(t, p) {
        if (p in t) {
          return t[p];
        }
        return p === Symbol.toPrimitive ? () => name : stub(`${name}.${String(p)}`);
      },
    });
  };
  return new Proxy(module, {
    get(t, p) {
      return p in t ? t[p as string] : typeof p === 'string' ? stub(`vscode.${p}`) : undefined;
    },
  });
}
