using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>initialize</c> (negotiates capabilities), <c>initialized</c>, <c>shutdown</c>. <c>exit</c> is the connection's own.</summary>
public sealed class LifecycleHandler : ILspHandler
{
    private readonly ClientSession _session;
    private readonly ConfigurationSync _configurationSync;
    private readonly DiagnosticPublisher _publisher;
    private readonly ParentProcessWatcher _parentWatcher;
    private readonly WorkspaceDiagnostics _index;
    private readonly SiteSession _site;
    private readonly ServerFileWatcher _fileWatcher;
    private readonly ILogger _logger;

    public LifecycleHandler(ClientSession session, ConfigurationSync configurationSync, DiagnosticPublisher publisher, ParentProcessWatcher parentWatcher, WorkspaceDiagnostics index, SiteSession site, ServerFileWatcher fileWatcher, PluginRules plugins, ILogger logger, LanguageServerOptions options)
    {
        _options = options;
        _index = index;
        _site = site;
        _plugins = plugins;
        _fileWatcher = fileWatcher;
        _session = session;
        _configurationSync = configurationSync;
        _publisher = publisher;
        _parentWatcher = parentWatcher;
        _logger = logger;
    }

    private readonly PluginRules _plugins;
    private readonly LanguageServerOptions _options;

    public static string Version { get; } = typeof(LifecycleHandler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public void Register(JsonRpcConnection connection)
    {
        connection.OnRequest("initialize", LspJsonContext.Default.InitializeParams, LspJsonContext.Default.InitializeResult, (p, _) =>
        {
            _session.Configure(p);
            if (_session.LogMessages && _options.LogForwarding is { } forwarding)
            {
                forwarding.Start((type, text) => connection.SendNotification("window/logMessage", new ShowMessageParams(type, text), LspJsonContext.Default.ShowMessageParams));
            }

            _plugins.Configure(p.InitializationOptions);
            _plugins.PluginsChanged += _configurationSync.FilesChanged;

            // The site is the workspace folders; its cross-page findings are positioned in the client's encoding.
            _site.SetFolders(_session.WorkspaceFolders);
            var positions = _session.Positions;
            _site.Place = positions == PositionConverter.Utf16 ? null : (source, span) => positions.ToLinePositionSpan(source, span);
            _logger.Information("initialize from {Client} (pid {Pid}); positions {Encoding}, diagnostics {Mode}, resolve {Resolve}",
                _session.ClientName, _session.ProcessId, _session.Positions.Encoding, _session.PullDiagnostics ? "pull" : "push", _session.ResolveCodeActionEdits);
            if (_session.ProcessId is { } pid)
            {
                _parentWatcher.Start(pid, () =>
                {
                    _logger.Warning("Client process {Pid} is gone; exiting", pid);
                    connection.RequestExit(1);
                }, connection.Stopping);
            }

            return Task.FromResult<InitializeResult?>(new InitializeResult(Capabilities(), new ServerInfo("smolsp", Version)));
        }, inline: true);

        connection.OnNotification("initialized", () =>
        {
            _ = Task.Run(_configurationSync.StartAsync);
            _logger.Information("Workspace folders: {Folders}", _session.WorkspaceFolders.Count == 0 ? "none (open documents only)" : string.Join(", ", _session.WorkspaceFolders));
            _fileWatcher.Start();
            _index.Start();
        });

        connection.OnRequest("shutdown", LspJsonContext.Default.Empty, _ =>
        {
            _publisher.Stop();
            _index.Stop();
            _fileWatcher.Stop();
            _logger.Information("shutdown");
            return Task.FromResult<Empty?>(null);
        }, inline: true);
    }

    private ServerCapabilities Capabilities() => new()
    {
        PositionEncoding = _session.Positions.Encoding,
        // Incremental: clients send only what changed, which keeps a 1 MB template cheap to type in.
        TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: 2, Save: true),
        HoverProvider = true,
        CodeActionProvider = _session.CodeActionLiterals
            ? new CodeActionOptions([CodeActionKinds.QuickFix, CodeActionKinds.SourceFixAllSmoLsp], _session.ResolveCodeActionEdits)
            : null,
        // Inter-file: a layout or another page's title changes this page's report. Workspace: closed files are reported too.
        DiagnosticProvider = _session.PullDiagnostics ? new DiagnosticOptions("smolsp", InterFileDependencies: true, WorkspaceDiagnostics: true) : null,
        Workspace = new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true)),
    };
}
