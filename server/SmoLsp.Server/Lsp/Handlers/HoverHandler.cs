using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>textDocument/hover</c>: the share card on head, the page anchor, title, social meta and canonical tags.</summary>
public sealed class HoverHandler(DocumentAnalyzer analyzer, ClientSession session, ShareCardService cards) : ILspHandler
{
    public void Register(JsonRpcConnection connection) =>
        connection.OnRequest("textDocument/hover", LspJsonContext.Default.HoverParams, LspJsonContext.Default.Hover, (p, context) =>
        {
            if (context.Analyze(analyzer, p.TextDocument.Uri) is not { Document: var document } analysis)
            {
                return Task.FromResult<Hover?>(null);
            }

            var offset = session.Positions.ToOffset(document.Source, p.Position);
            var text = SocialPreview.Render(analysis, cards.Build(analysis), offset, session.MarkdownHover, out var span);
            return Task.FromResult(text is null
                ? null
                : new Hover(new MarkupContent(session.MarkdownHover ? "markdown" : "plaintext", text), session.Positions.ToRange(document.Source, span)));
        });
}
