using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>initialize</c> (negotiates capabilities), <c>initialized</c>, <c>shutdown</c>. <c>exit</c> is the connection's own.</summary>
public sealed class LifecycleHandler(ClientSession session, ConfigurationSync configurationSync, DiagnosticPublisher publisher, ParentProcessWatcher parentWatcher, WorkspaceDiagnostics index, SiteSession site, ServerFileWatcher fileWatcher, PluginRules plugins, ILogger logger, LanguageServerOptions options) : ILspHandler
{
    public void Register(JsonRpcConnection connection)
    {
        connection.OnRequest("initialize", LspJsonContext.Default.InitializeParams, LspJsonContext.Default.InitializeResult, (p, _) =>
        {
            session.Configure(p);
            if (session.LogMessages && options.LogForwarding is { } forwarding)
            {
                forwarding.Start((type, text) => connection.SendNotification("window/logMessage", new ShowMessageParams(type, text), LspJsonContext.Default.ShowMessageParams));
            }

            plugins.Configure(p.InitializationOptions);
            plugins.PluginsChanged += configurationSync.FilesChanged;

            // The site is the workspace folders; its cross-page findings are positioned in the client's encoding.
            site.SetFolders(session.WorkspaceFolders);
            var positions = session.Positions;
            site.Place = positions == PositionConverter.Utf16 ? null : (source, span) => positions.ToLinePositionSpan(source, span);
            logger.Information("initialize from {Client} (pid {Pid}); positions {Encoding}, diagnostics {Mode}, resolve {Resolve}",
                session.ClientName, session.ProcessId, session.Positions.Encoding, session.PullDiagnostics ? "pull" : "push", session.ResolveCodeActionEdits);
            if (session.ProcessId is { } pid)
            {
                parentWatcher.Start(pid, () =>
                {
                    logger.Warning("Client process {Pid} is gone; exiting", pid);
                    connection.RequestExit(1);
                }, connection.Stopping);
            }

            return Task.FromResult<InitializeResult?>(new InitializeResult(Capabilities(), new ServerInfo("smolsp", Program.Version)));
        }, inline: true);

        connection.OnNotification("initialized", () =>
        {
            _ = Task.Run(configurationSync.StartAsync);
            logger.Information("Workspace folders: {Folders}", session.WorkspaceFolders.Count == 0 ? "none (open documents only)" : string.Join(", ", session.WorkspaceFolders));
            fileWatcher.Start();
            index.Start();
        });

        connection.OnRequest("shutdown", LspJsonContext.Default.Empty, _ =>
        {
            publisher.Stop();
            index.Stop();
            fileWatcher.Stop();
            logger.Information("shutdown");
            return Task.FromResult<Empty?>(null);
        }, inline: true);
    }

    private ServerCapabilities Capabilities() => new(
        PositionEncoding: session.Positions.Encoding,
        // Incremental: clients send only what changed, which keeps a 1 MB template cheap to type in.
        TextDocumentSync: new TextDocumentSyncOptions(OpenClose: true, Change: 2, Save: true),
        HoverProvider: true,
        CodeActionProvider: session.CodeActionLiterals
            ? new CodeActionOptions([CodeActionKinds.QuickFix, CodeActionKinds.SourceFixAllSmoLsp], session.ResolveCodeActionEdits)
            : null,
        // Inter-file: a layout or another page's title changes this page's report. Workspace: closed files are reported too.
        DiagnosticProvider: session.PullDiagnostics ? new DiagnosticOptions("smolsp", InterFileDependencies: true, WorkspaceDiagnostics: true) : null,
        Workspace: new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true)));
}
