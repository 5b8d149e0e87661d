// The VS Code side of SmoLsp: start the server, keep its status visible, expose four commands.
// All analysis lives in the server; the decisions made here are in pure modules with unit tests.
import * as readline from 'node:readline';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, COMMANDS, DOCUMENT_SELECTOR, FIX_ALL_KIND, SHARE_CARD_REQUEST } from './contributions';
import {
  imageFolders,
  nonce,
  PREVIEW_DEBOUNCE_MS,
  previewHtml,
  problemSummary,
  SHARE_PREVIEW_VIEW_TYPE,
  ShareCardModel,
  withImageSources,
} from './sharePreview';
import { nodeResolutionHost, resolveServer, ServerResolution } from './serverResolution';
import { CONFIGURATION_SECTION, LogLevel, ServerConfiguration, stderrLine, toInitializationOptions, toServerConfiguration } from './settings';
import { presentStatus, ServerStatus } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = vscode.window.createStatusBarItem('smolsp.status', vscode.StatusBarAlignment.Right, 100);
  status.name = CLIENT_NAME;
  status.command = COMMANDS.showOutput;
  let lastProblems = '';

  const setStatus = (state: ServerStatus, detail?: string): void => {
    const view = presentStatus(state, detail);
    status.text = view.text;
    status.tooltip = view.tooltip;
    status.backgroundColor = view.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };

  /** The mapped `smolsp` section; ignored values are logged once, not on every pull. */
  const serverConfiguration = (section: unknown): ServerConfiguration => {
    const { configuration, problems } = toServerConfiguration(section);
    const key = problems.join('\n');
    if (key !== lastProblems) {
      lastProblems = key;
      problems.forEach((p) => output.warn(p));
    }
    return configuration;
  };

  /**
   * Logs a failure and shows it, but never stacks a second SmoLsp error on one still open (typing a server
   * path in the settings editor restarts the server on every change).
   */
  let errorOpen = false;
  const reportFailure = (message: string, action?: { title: string; run: () => unknown }): void => {
    output.error(message);
    setStatus('failed', message);
    if (!action || errorOpen) {
      return;
    }
    errorOpen = true;
    void vscode.window.showErrorMessage(message, action.title).then((choice) => {
      errorOpen = false;
      return choice === action.title ? action.run() : undefined;
    });
  };

  const showOutputAction = { title: 'Show Output', run: () => output.show(true) };

  const start = async (): Promise<void> => {
    const settings = vscode.workspace.getConfiguration(CONFIGURATION_SECTION);
    if (!settings.get<boolean>('enable', true)) {
      output.info('SmoLsp is disabled by smolsp.enable.');
      setStatus('disabled');
      return;
    }
    const resolution: ServerResolution = resolveServer(
      {
        settingPath: settings.get<string>('server.path'),
        extensionPath: context.extensionPath,
        workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      },
      nodeResolutionHost(),
    );
    if (!resolution.ok) {
      const { action } = resolution;
      reportFailure(resolution.message, { title: action.title, run: () => vscode.commands.executeCommand(action.command, ...action.arguments) });
      return;
    }
    output.info(resolution.description);

    const executable = { command: resolution.command, args: resolution.args, transport: TransportKind.stdio };
    const serverOptions: ServerOptions = { run: executable, debug: executable };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      // The user's own value only: application scope already keeps workspaces out, this says so in code.
      initializationOptions: toInitializationOptions(settings.inspect<boolean>('plugins.allow')?.globalValue, settings.get<string>('docs.baseUrl')),
      // The server's stderr (before initialize, or a crash) with each line's own level, not every line as an error.
      stdioOptions: {
        // Only read for transports other than stdio (where stdout is the protocol).
        stdout: (input, channel) => {
          readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', (line) => channel.appendLine(line));
        },
        stderr: (input, channel) => {
          let level: LogLevel = 'info';
          readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', (line) => {
            const parsed = stderrLine(line, level);
            level = parsed.level;
            (channel as vscode.LogOutputChannel)[parsed.level](parsed.message);
          });
        },
      },
      // Push model for servers that read settings from the notification (Neovim-style); the server pulls
      // through workspace/configuration otherwise. Both get the same mapped shape.
      synchronize: { configurationSection: CONFIGURATION_SECTION },
      outputChannel: output,
      // The client already shows "couldn't create connection" with a Go to Output button; without this
      // handler it would add a second popup for the same failed initialize.
      initializationFailedHandler: () => false,
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) {
              return result;
            }
            return result.map((value, i) => (params.items[i]?.section === CONFIGURATION_SECTION ? serverConfiguration(value) : value));
          },
          didChangeConfiguration: async () => {
            const section = vscode.workspace.getConfiguration().get(CONFIGURATION_SECTION);
            await client?.sendNotification(DidChangeConfigurationNotification.type, {
              settings: { [CONFIGURATION_SECTION]: serverConfiguration(section) },
            });
          },
        },
      },
    };

    const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    client = created;
    created.onDidChangeState(({ newState }) => {
      if (client === created) {
        setStatus(newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : newState === State.StartFailed ? 'failed' : 'stopped');
      }
    });
    setStatus('starting');
    try {
      await created.start();
      setStatus('running', resolution.description);
    } catch (error) {
      // No popup of ours: the client has shown one for this failure already.
      reportFailure(`SmoLsp: the language server failed to start: ${errorText(error)}`);
    }
  };

  const stop = async (): Promise<void> => {
    const current = client;
    client = undefined;
    if (current) {
      try {
        await current.dispose();
      } catch (error) {
        output.warn(`SmoLsp: stopping the server: ${errorText(error)}`);
      }
    }
    setStatus('stopped');
  };

  const restart = async (): Promise<void> => {
    await stop();
    await start();
  };

  /** The active editor's document when SmoLsp handles it and the server is running; else says why not. */
  const activeTemplate = (): vscode.TextDocument | undefined => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || vscode.languages.match(DOCUMENT_SELECTOR, document) === 0) {
      void vscode.window.showInformationMessage('SmoLsp: open an HTML, .cshtml or .razor template first.');
      return undefined;
    }
    if (!client?.isRunning()) {
      void vscode.window.showWarningMessage('SmoLsp: the language server is not running.', showOutputAction.title).then((c) => c && showOutputAction.run());
      return undefined;
    }
    return document;
  };

  const fixAll = async (): Promise<void> => {
    const document = activeTemplate();
    if (!document) {
      return;
    }
    const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
    // The last argument resolves edits lazily computed by codeAction/resolve.
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND, 10)) ?? [];
    const action = actions.find((a) => a.kind?.value === FIX_ALL_KIND && (a.edit || a.command));
    if (!action) {
      void vscode.window.showInformationMessage('SmoLsp: no safe fixes for this file.');
      return;
    }
    if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
      void vscode.window.showWarningMessage('SmoLsp: the fixes could not be applied (the file changed meanwhile?).');
      return;
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  };

  /**
   * The Share preview: one webview beside the editor drawing the share cards of the active template, live as you
   * type (a request per pause in typing), with the real local images and clicks on a field jumping to its tag.
   */
  let panel: vscode.WebviewPanel | undefined;
  let previewed: vscode.TextDocument | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const media = vscode.Uri.joinPath(vscode.Uri.file(context.extensionPath), 'dist', 'media');
  const roots = new Map<string, vscode.Uri>();

  const refreshPreview = async (): Promise<void> => {
    const current = panel;
    const document = previewed;
    if (!current || !document || !client?.isRunning()) {
      return;
    }
    const mine = ++generation;
    let card: ShareCardModel | null = null;
    let status: string;
    try {
      card = await client.sendRequest<ShareCardModel | null>(SHARE_CARD_REQUEST, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } });
      status = card ? problemSummary(card.problems) + (card.composed ? ' · composed with ' + card.composedFrom.map((u) => u.slice(u.lastIndexOf('/') + 1)).join(', ') : '') : 'no share card: a partial';
    } catch (error) {
      status = `the server could not answer: ${errorText(error)}`;
      output.warn(`SmoLsp: ${SHARE_CARD_REQUEST} failed: ${errorText(error)}`);
    }
    if (mine !== generation || panel !== current) {
      return; // a newer request, or the panel closed meanwhile
    }
    if (card) {
      // The webview may read only the extension's media and the folders of the images it shows.
      let added = false;
      for (const folder of imageFolders(card)) {
        if (!roots.has(folder)) {
          roots.set(folder, vscode.Uri.parse(folder));
          added = true;
        }
      }
      if (added) {
        current.webview.options = { enableScripts: true, localResourceRoots: [media, ...roots.values()] };
      }
      card = withImageSources(card, (fileUri) => current.webview.asWebviewUri(vscode.Uri.parse(fileUri)).toString());
    }
    await current.webview.postMessage({ type: 'card', card, title: vscode.workspace.asRelativePath(document.uri), status });
  };

  const schedulePreview = (): void => {
    if (pending) {
      clearTimeout(pending);
    }
    pending = setTimeout(() => {
      pending = undefined;
      void refreshPreview();
    }, PREVIEW_DEBOUNCE_MS);
  };

  const jumpTo = async (location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): Promise<void> => {
    const { start, end } = location.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === previewed?.uri.toString())?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection, viewColumn: column, preserveFocus: false });
  };

  const showPreview = async (): Promise<void> => {
    const document = activeTemplate();
    if (!document) {
      return;
    }
    previewed = document;
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const created = vscode.window.createWebviewPanel(SHARE_PREVIEW_VIEW_TYPE, 'Share preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [media],
        retainContextWhenHidden: false,
      });
      panel = created;
      const webview = created.webview;
      webview.html = previewHtml(
        {
          cspSource: webview.cspSource,
          nonce: nonce(),
          styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'share-preview.css')).toString(),
          cardsScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'share-cards.js')).toString(),
          previewScriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'share-preview.js')).toString(),
        },
        'Share preview',
      );
      webview.onDidReceiveMessage((message: { type?: string; location?: Parameters<typeof jumpTo>[0] }) => {
        if (message?.type === 'ready') {
          void refreshPreview();
        } else if (message?.type === 'jump' && message.location) {
          void jumpTo(message.location);
        }
      });
      created.onDidDispose(() => {
        if (panel === created) {
          panel = undefined;
          previewed = undefined;
          roots.clear();
        }
      });
    }
    panel.title = `Share preview: ${vscode.workspace.asRelativePath(document.uri)}`;
    await refreshPreview();
  };

  context.subscriptions.push(
    output,
    status,
    vscode.workspace.onDidChangeTextDocument((e) => {
      // Edits to the previewed page, or to anything it reads (its layout), change the card.
      if (panel && previewed && (e.document === previewed || vscode.languages.match(DOCUMENT_SELECTOR, e.document) > 0)) {
        schedulePreview();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      // The preview follows the template being edited, as the Markdown preview does.
      if (panel && editor && editor.document !== previewed && vscode.languages.match(DOCUMENT_SELECTOR, editor.document) > 0) {
        previewed = editor.document;
        panel.title = `Share preview: ${vscode.workspace.asRelativePath(editor.document.uri)}`;
        schedulePreview();
      }
    }),
    { dispose: () => pending && clearTimeout(pending) },
    vscode.commands.registerCommand(COMMANDS.fixAll, fixAll),
    vscode.commands.registerCommand(COMMANDS.showPreview, showPreview),
    vscode.commands.registerCommand(COMMANDS.restart, restart),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Trace and analysis settings reach the running server; these need a new process.
      if (
        e.affectsConfiguration('smolsp.enable') ||
        e.affectsConfiguration('smolsp.server.path') ||
        e.affectsConfiguration('smolsp.plugins.allow') ||
        e.affectsConfiguration('smolsp.docs.baseUrl')
      ) {
        void restart();
      }
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  const current = client;
  client = undefined;
  await current?.stop();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
