using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>textDocument/diagnostic</c>: pull diagnostics, with result ids so an unchanged document costs nothing to re-pull.</summary>
public sealed class DiagnosticHandler : ILspHandler
{
    private readonly DocumentAnalyzer _analyzer;
    private readonly LspConverter _converter;
    private readonly WorkspaceConfiguration _configuration;

    public DiagnosticHandler(DocumentAnalyzer analyzer, LspConverter converter, WorkspaceConfiguration configuration)
    {
        _analyzer = analyzer;
        _converter = converter;
        _configuration = configuration;
    }

    /// <summary>Identifies what a report was computed from: the document version and the configuration generation.</summary>
    public static string ResultId(DocumentSnapshot document, int configurationGeneration) => $"{document.Version}:{configurationGeneration}";

    public void Register(JsonRpcConnection connection) =>
        connection.OnRequest("textDocument/diagnostic", LspJsonContext.Default.DocumentDiagnosticParams, LspJsonContext.Default.DocumentDiagnosticReport, async (p, context) =>
        {
            // The first pull waits (briefly) for the editor's settings, like the first push does.
            await Task.WhenAny(_configuration.Ready, Task.Delay(TimeSpan.FromSeconds(2), context.CancellationToken)).ConfigureAwait(false);
            context.CancellationToken.ThrowIfCancellationRequested();
            var document = context.Document(p.TextDocument.Uri);
            if (document is null)
            {
                return new DocumentDiagnosticReport("full", null, []);
            }

            var resultId = ResultId(document, _configuration.Generation);
            if (p.PreviousResultId == resultId)
            {
                return new DocumentDiagnosticReport("unchanged", resultId, null);
            }

            var analysis = _analyzer.Analyze(document);
            context.CancellationToken.ThrowIfCancellationRequested();
            return new DocumentDiagnosticReport("full", ResultId(document, analysis.ConfigurationGeneration), _converter.ToLsp(analysis));
        });
}
