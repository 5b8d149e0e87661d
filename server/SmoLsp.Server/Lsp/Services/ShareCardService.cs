using SmoLsp.Analysis.Cards;
using SmoLsp.Rules.Cards;
using SmoLsp.Server.Cards;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The share cards of an analyzed document (<see cref="ShareCards"/>, over the same analysis diagnostics and hover use)
/// and their protocol form: every source location converted against its own file's text in the negotiated encoding.
/// </summary>
public sealed class ShareCardService(SiteSession site, LspConverter converter)
{
    public ShareCard? Build(DocumentAnalysis analysis) =>
        analysis.Result is { } result ? ShareCards.Build(result, analysis.Configuration, site.Workspace) : null;

    public ShareCardInfo ToInfo(DocumentAnalysis analysis, ShareCard card)
    {
        var document = analysis.Document;
        return ShareCardJson.ToInfo(card, document.Uri, document.Version, ShareCardJson.Count(analysis.Diagnostics.Select(d => d.Severity)),
            s => converter.ToLocation(document, s.Path!, s.Span), DocumentUris.FromLocalPath);
    }
}
