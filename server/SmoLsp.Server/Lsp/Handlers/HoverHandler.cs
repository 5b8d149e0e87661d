using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>textDocument/hover</c>: the share card on head, the page anchor, title, social meta and canonical tags.</summary>
public sealed class HoverHandler : ILspHandler
{
    private readonly DocumentAnalyzer _analyzer;
    private readonly ClientSession _session;
    private readonly ShareCardService _cards;

    public HoverHandler(DocumentAnalyzer analyzer, ClientSession session, ShareCardService cards)
    {
        _analyzer = analyzer;
        _session = session;
        _cards = cards;
    }

    public void Register(JsonRpcConnection connection) =>
        connection.OnRequest("textDocument/hover", LspJsonContext.Default.HoverParams, LspJsonContext.Default.Hover, (p, context) =>
        {
            var document = context.Document(p.TextDocument.Uri);
            if (document is null)
            {
                return Task.FromResult<Hover?>(null);
            }

            var analysis = _analyzer.Analyze(document);
            context.CancellationToken.ThrowIfCancellationRequested();
            var offset = _session.Positions.ToOffset(document.Source, p.Position);
            var text = SocialPreview.Render(analysis, _cards.Build(analysis), offset, _session.MarkdownHover, out var span);
            return Task.FromResult(text is null
                ? null
                : new Hover(new MarkupContent(_session.MarkdownHover ? "markdown" : "plaintext", text), _session.Positions.ToRange(document.Source, span)));
        });
}
