using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>smolsp/shareCard</c>: the share cards of an open document, for the editor's preview (docs/share-cards.md).</summary>
public sealed class ShareCardHandler : ILspHandler
{
    public const string Method = "smolsp/shareCard";

    private readonly DocumentAnalyzer _analyzer;
    private readonly ShareCardService _cards;

    public ShareCardHandler(DocumentAnalyzer analyzer, ShareCardService cards)
    {
        _analyzer = analyzer;
        _cards = cards;
    }

    public void Register(JsonRpcConnection connection) =>
        connection.OnRequest(Method, LspJsonContext.Default.ShareCardParams, LspJsonContext.Default.ShareCardInfo, (p, context) =>
        {
            var document = context.Document(p.TextDocument.Uri);
            if (document is null)
            {
                return Task.FromResult<ShareCardInfo?>(null);
            }

            var analysis = _analyzer.Analyze(document);
            context.CancellationToken.ThrowIfCancellationRequested();
            var card = _cards.Build(analysis);
            return Task.FromResult(card is null ? null : _cards.ToInfo(analysis, card));
        });
}
