using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>smolsp/shareCard</c>: the share cards of an open document, for the editor's preview (docs/share-cards.md).</summary>
public sealed class ShareCardHandler(DocumentAnalyzer analyzer, ShareCardService cards) : ILspHandler
{
    public const string Method = "smolsp/shareCard";

    public void Register(JsonRpcConnection connection) =>
        connection.OnRequest(Method, LspJsonContext.Default.ShareCardParams, LspJsonContext.Default.ShareCardInfo, (p, context) =>
        {
            var analysis = context.Analyze(analyzer, p.TextDocument.Uri);
            return Task.FromResult(analysis is not null && cards.Build(analysis) is { } card ? cards.ToInfo(analysis, card) : null);
        });
}
