using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary>didOpen / didChange / didClose / didSave, applied on the read loop in arrival order.</summary>
public sealed class TextDocumentSyncHandler(SiteSession site, DocumentStore documents, DocumentAnalyzer analyzer, DiagnosticPublisher publisher, ClientSession session, ConfigurationSync configurationSync, WorkspaceDiagnostics index, ILogger logger) : ILspHandler
{
    public void Register(JsonRpcConnection connection)
    {
        connection.OnNotification("textDocument/didOpen", LspJsonContext.Default.DidOpenTextDocumentParams, p =>
        {
            var document = documents.Open(p.TextDocument);
            if (document.FilePath is { } opened)
            {
                site.AllowRootOf(opened);
            }

            logger.Debug("Opened {Uri} v{Version} ({Length} chars, {Language})", document.Uri, document.Version, document.Source.Length, document.Language);
            if (!session.DynamicWatchedFiles && document.FilePath is not null && configurationSync.CheckFileChanged(document.FilePath))
            {
                configurationSync.Recheck();
            }

            // Opening is not typing: check at once so diagnostics appear with the file.
            publisher.Schedule(document.Uri, TimeSpan.Zero);
        });

        connection.OnNotification("textDocument/didChange", LspJsonContext.Default.DidChangeTextDocumentParams, p =>
        {
            var document = documents.Change(p, session.Positions, warning => logger.Warning("{Uri}: {Warning}", p.TextDocument.Uri, warning));
            if (document is null)
            {
                logger.Warning("didChange for {Uri}, which is not open; ignored", p.TextDocument.Uri);
                return;
            }

            publisher.Schedule(document.Uri);
        });

        connection.OnNotification("textDocument/didClose", LspJsonContext.Default.DidCloseTextDocumentParams, p =>
        {
            if (documents.Close(p.TextDocument.Uri) is null)
            {
                logger.Warning("didClose for {Uri}, which is not open; ignored", p.TextDocument.Uri);
                return;
            }

            analyzer.Forget(p.TextDocument.Uri);
            if (index.DocumentClosed(p.TextDocument.Uri, DocumentUris.ToLocalPath(p.TextDocument.Uri)))
            {
                // A workspace file: its disk report replaces the open one (published by the index), rather than nothing.
                publisher.Cancel(p.TextDocument.Uri);
            }
            else
            {
                publisher.Clear(p.TextDocument.Uri);
            }
        });

        connection.OnNotification("textDocument/didSave", LspJsonContext.Default.DidSaveTextDocumentParams, p =>
        {
            // Without file watchers, a save is the moment a changed smolsp.json can be noticed.
            if (!session.DynamicWatchedFiles && DocumentUris.ToLocalPath(p.TextDocument.Uri) is { } path
                && (path.EndsWith("smolsp.json", StringComparison.Ordinal) || configurationSync.CheckFileChanged(path)))
            {
                configurationSync.FilesChanged();
            }
        });
    }
}
