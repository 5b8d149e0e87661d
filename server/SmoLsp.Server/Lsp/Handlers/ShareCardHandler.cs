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
            var document = context.Document(p.TextDocument.Uri);
            if (document is null)
            {
                return Task.FromResult<ShareCardInfo?>(null);
            }

            var analysis = analyzer.Analyze(document);
            context.CancellationToken.ThrowIfCancellationRequested();
            var card = cards.Build(analysis);
            return Task.FromResult(card is null ? null : cards.ToInfo(analysis, card));
        });
}
