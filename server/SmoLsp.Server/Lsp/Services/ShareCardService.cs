using SmoLsp.Analysis.Cards;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Cards;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The share cards of an analyzed document (<see cref="ShareCards"/>, over the same analysis diagnostics and hover use)
/// and their protocol form: every source location converted against its own file's text in the negotiated encoding.
/// </summary>
public sealed class ShareCardService
{
    private readonly DocumentAnalyzer _analyzer;
    private readonly LspConverter _converter;

    public ShareCardService(DocumentAnalyzer analyzer, LspConverter converter)
    {
        _analyzer = analyzer;
        _converter = converter;
    }

    public ShareCard? Build(DocumentAnalysis analysis) =>
        analysis.Result is { } result ? ShareCards.Build(result, analysis.Configuration, _analyzer.Workspace) : null;

    public ShareCardInfo ToInfo(DocumentAnalysis analysis, ShareCard card)
    {
        var document = analysis.Document;
        CardSourceInfo Source(CardSource s) =>
            new(s.Tag, s.Path is null || s.IsConfiguration ? null : _converter.ToLocation(document, s.Path, s.Span));
        CardValueInfo? Value(CardValue? v) => v is null ? null : new CardValueInfo(v.Text, v.IsDynamic, Source(v.Source));
        CardFieldInfo Field(CardField f) => new(f.Chain, Value(f.Value), f.Shown, f.Limit, f.LimitDocumented, f.IsTruncated, f.IsFallback);
        CardImageInfo? Image(CardImage? i) => i is null ? null : new CardImageInfo(
            i.Url, i.IsDynamic, Source(i.Source), i.FilePath is null ? null : DocumentUris.FromLocalPath(i.FilePath), i.FileExists,
            i.Facts?.Width, i.Facts?.Height, i.Facts?.Bytes, i.Facts is null ? null : i.Facts.Format.ToString().ToLowerInvariant(),
            i.Facts?.IsAnimated ?? false, i.Facts?.Problem, i.DeclaredWidth, i.DeclaredHeight, i.Alt);

        var platforms = card.Platforms.Select(p => new PlatformCardInfo(
            p.Id, p.Name, char.ToLowerInvariant(p.Layout.ToString()[0]) + p.Layout.ToString()[1..], Field(p.Title), Field(p.Description), Field(p.Site),
            Image(p.Image), p.ImageAspect, p.ImageChain, p.Note)).ToList();
        var d = analysis.Diagnostics;
        var problems = new ProblemCount(
            d.Count(x => x.Severity == DiagnosticSeverity.Error), d.Count(x => x.Severity == DiagnosticSeverity.Warning),
            d.Count(x => x.Severity == DiagnosticSeverity.Info), d.Count(x => x.Severity == DiagnosticSeverity.Hint));
        return new ShareCardInfo(document.Uri, document.Version, card.IsComposed, card.ComposedFrom.Select(DocumentUris.FromLocalPath).ToList(),
            Value(card.Url), card.DisplayHost, card.XCardType, card.ThemeColor, platforms, problems);
    }
}
