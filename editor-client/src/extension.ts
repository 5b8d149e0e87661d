// The VS Code side of SmoLsp: start the server, keep its status visible, expose four commands.
// All analysis lives in the server; the decisions made here are in pure modules with unit tests.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, COMMANDS, DOCUMENT_SELECTOR, FIX_ALL_KIND, SOCIAL_PREVIEW_REQUEST } from './contributions';
import { headPosition, hoversToMarkdown, NO_PREVIEW_MESSAGE, PREVIEW_SCHEME, previewPage, previewPath } from './preview';
import { nodeResolutionHost, resolveServer, ServerResolution } from './serverResolution';
import { CONFIGURATION_SECTION, ServerConfiguration, toInitializationOptions, toServerConfiguration } from './settings';
import { presentStatus, ServerStatus } from './status';

/** Read-only Markdown pages for the social preview; virtual, so closing them never asks to save. */
class PreviewPages implements vscode.TextDocumentContentProvider {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, markdown: string): void {
    this.pages.set(uri.toString(), markdown);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.toString()) ?? '';
  }
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = vscode.window.createStatusBarItem('smolsp.status', vscode.StatusBarAlignment.Right, 100);
  status.name = CLIENT_NAME;
  status.command = COMMANDS.showOutput;
  const previews = new PreviewPages();
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
      initializationOptions: toInitializationOptions(settings.inspect<boolean>('plugins.allow')?.globalValue),
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

  const previewMarkdown = async (document: vscode.TextDocument): Promise<string | undefined> => {
    try {
      const answer = await client!.sendRequest<{ markdown?: unknown } | null>(SOCIAL_PREVIEW_REQUEST, {
        textDocument: { uri: client!.code2ProtocolConverter.asUri(document.uri) },
      });
      if (typeof answer?.markdown === 'string' && answer.markdown.trim().length > 0) {
        return answer.markdown;
      }
    } catch (error) {
      if (!(error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound)) {
        output.warn(`SmoLsp: ${SOCIAL_PREVIEW_REQUEST} failed, using the hover instead: ${errorText(error)}`);
      }
    }
    const at = headPosition(document.getText());
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(at.line, at.character))) ?? [];
    return hoversToMarkdown(hovers);
  };

  const showPreview = async (): Promise<void> => {
    const document = activeTemplate();
    if (!document) {
      return;
    }
    const markdown = await previewMarkdown(document);
    if (!markdown) {
      void vscode.window.showInformationMessage(NO_PREVIEW_MESSAGE);
      return;
    }
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: previewPath(document.uri.path), query: document.uri.toString() });
    previews.set(uri, previewPage(vscode.workspace.asRelativePath(document.uri), markdown));
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // The built-in Markdown extension can be disabled; the raw Markdown still reads well.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  };

  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(COMMANDS.fixAll, fixAll),
    vscode.commands.registerCommand(COMMANDS.showPreview, showPreview),
    vscode.commands.registerCommand(COMMANDS.restart, restart),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Trace and analysis settings reach the running server; these need a new process.
      if (e.affectsConfiguration('smolsp.enable') || e.affectsConfiguration('smolsp.server.path') || e.affectsConfiguration('smolsp.plugins.allow')) {
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
