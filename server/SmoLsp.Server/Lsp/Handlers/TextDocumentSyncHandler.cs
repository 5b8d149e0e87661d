using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary>didOpen / didChange / didClose / didSave, applied on the read loop in arrival order.</summary>
public sealed class TextDocumentSyncHandler : ILspHandler
{
    private readonly DocumentStore _documents;
    private readonly SiteSession _site;
    private readonly DocumentAnalyzer _analyzer;
    private readonly DiagnosticPublisher _publisher;
    private readonly ClientSession _session;
    private readonly ConfigurationSync _configurationSync;
    private readonly WorkspaceDiagnostics _index;
    private readonly ILogger _logger;

    public TextDocumentSyncHandler(SiteSession site, DocumentStore documents, DocumentAnalyzer analyzer, DiagnosticPublisher publisher, ClientSession session, ConfigurationSync configurationSync, WorkspaceDiagnostics index, ILogger logger)
    {
        _index = index;
        _site = site;
        _documents = documents;
        _analyzer = analyzer;
        _publisher = publisher;
        _session = session;
        _configurationSync = configurationSync;
        _logger = logger;
    }

    public void Register(JsonRpcConnection connection)
    {
        connection.OnNotification("textDocument/didOpen", LspJsonContext.Default.DidOpenTextDocumentParams, p =>
        {
            var document = _documents.Open(p.TextDocument);
            if (document.FilePath is { } opened)
            {
                _site.AllowRootOf(opened);
            }

            _logger.Debug("Opened {Uri} v{Version} ({Length} chars, {Language})", document.Uri, document.Version, document.Source.Length, document.Language);
            if (!_session.DynamicWatchedFiles && document.FilePath is not null && _configurationSync.CheckFileChanged(document.FilePath))
            {
                _configurationSync.Recheck();
            }

            // Opening is not typing: check at once so diagnostics appear with the file.
            _publisher.Schedule(document.Uri, TimeSpan.Zero);
        });

        connection.OnNotification("textDocument/didChange", LspJsonContext.Default.DidChangeTextDocumentParams, p =>
        {
            var document = _documents.Change(p, _session.Positions, warning => _logger.Warning("{Uri}: {Warning}", p.TextDocument.Uri, warning));
            if (document is null)
            {
                _logger.Warning("didChange for {Uri}, which is not open; ignored", p.TextDocument.Uri);
                return;
            }

            _publisher.Schedule(document.Uri);
        });

        connection.OnNotification("textDocument/didClose", LspJsonContext.Default.DidCloseTextDocumentParams, p =>
        {
            if (_documents.Close(p.TextDocument.Uri) is null)
            {
                _logger.Warning("didClose for {Uri}, which is not open; ignored", p.TextDocument.Uri);
                return;
            }

            _analyzer.Forget(p.TextDocument.Uri);
            if (_index.DocumentClosed(p.TextDocument.Uri, DocumentUris.ToLocalPath(p.TextDocument.Uri)))
            {
                // A workspace file: its disk report replaces the open one (published by the index), rather than nothing.
                _publisher.Cancel(p.TextDocument.Uri);
            }
            else
            {
                _publisher.Clear(p.TextDocument.Uri);
            }
        });

        connection.OnNotification("textDocument/didSave", LspJsonContext.Default.DidSaveTextDocumentParams, p =>
        {
            // Without file watchers, a save is the moment a changed smolsp.json can be noticed.
            if (!_session.DynamicWatchedFiles && DocumentUris.ToLocalPath(p.TextDocument.Uri) is { } path
                && (path.EndsWith("smolsp.json", StringComparison.Ordinal) || _configurationSync.CheckFileChanged(path)))
            {
                _configurationSync.FilesChanged();
            }
        });
    }
}
