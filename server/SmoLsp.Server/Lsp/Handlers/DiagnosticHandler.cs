using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>textDocument/diagnostic</c>: pull diagnostics, with result ids so an unchanged document costs nothing to re-pull.</summary>
public sealed class DiagnosticHandler(DocumentAnalyzer analyzer, LspConverter converter, ClientSession session, SiteSession site, CrossPageReports crossPage, WorkspaceDiagnostics index) : ILspHandler
{
    /// <summary>
    /// Identifies what a report was computed from: the document version, the configuration generation, and the
    /// revision of what other files contributed (site-wide diagnostics, changed dependencies).
    /// </summary>
    public static string ResultId(DocumentSnapshot document, int configurationGeneration, long siteRevision) => $"{document.Version}:{configurationGeneration}:{siteRevision}";

    public void Register(JsonRpcConnection connection)
    {
        connection.OnRequest("textDocument/diagnostic", LspJsonContext.Default.DocumentDiagnosticParams, LspJsonContext.Default.DocumentDiagnosticReport, async (p, context) =>
        {
            // The first pull waits (briefly) for the editor's settings, like the first push does.
            await Task.WhenAny(session.SettingsReady, Task.Delay(ClientSession.SettingsWait, context.CancellationToken)).ConfigureAwait(false);
            context.CancellationToken.ThrowIfCancellationRequested();
            var document = context.Document(p.TextDocument.Uri);
            if (document is null)
            {
                // Not open: the workspace index's report of the file on disk, if it has one.
                return index.ClosedReport(p.TextDocument.Uri) is { } closed
                    ? (p.PreviousResultId == closed.ResultId ? new DocumentDiagnosticReport("unchanged", closed.ResultId, null) : new DocumentDiagnosticReport("full", closed.ResultId, closed.Items))
                    : new DocumentDiagnosticReport("full", null, []);
            }

            var resultId = ResultId(document, site.Settings.Generation, crossPage.RevisionOf(document.FilePath));
            if (p.PreviousResultId == resultId)
            {
                return new DocumentDiagnosticReport("unchanged", resultId, null);
            }

            var (id, items) = Report(document);
            context.CancellationToken.ThrowIfCancellationRequested();
            return new DocumentDiagnosticReport("full", id, items);
        });

        connection.OnRequest("workspace/diagnostic", LspJsonContext.Default.WorkspaceDiagnosticParams, LspJsonContext.Default.WorkspaceDiagnosticReport, async (p, context) =>
        {
            await Task.WhenAny(session.SettingsReady, Task.Delay(ClientSession.SettingsWait, context.CancellationToken)).ConfigureAwait(false);
            return await index.WorkspaceReportAsync(p, Report, context.CancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>An open document's report: its analysis (cached per version) plus its site-wide diagnostics, and the id naming both.</summary>
    private (string ResultId, IReadOnlyList<LspDiagnostic> Items) Report(DocumentSnapshot document)
    {
        // The revision is read before analyzing: if it moves meanwhile, the next pull sees a new id and asks again.
        var revision = crossPage.RevisionOf(document.FilePath);
        var analysis = analyzer.Analyze(document);
        return (ResultId(document, analysis.ConfigurationGeneration, revision), crossPage.Merge(document.FilePath, converter.ToLsp(analysis)));
    }
}
