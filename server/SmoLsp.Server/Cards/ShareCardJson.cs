using System.Reflection;
using SmoLsp.Analysis.Cards;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Cards;

/// <summary>
/// The JSON form of a <see cref="ShareCard"/> (the answer of <c>smolsp/shareCard</c>, and what the HTML report embeds),
/// and the renderer every view draws it with (share-cards.js and .css, embedded in this assembly).
/// </summary>
public static class ShareCardJson
{
    /// <param name="locate">Turns a source into a location (LSP: converted against the file's text; the report: relative path).</param>
    /// <param name="fileUri">The URI of an image's local file.</param>
    /// <param name="src">What a view shows for an image (null over LSP: the client decides).</param>
    public static ShareCardInfo ToInfo(ShareCard card, string uri, int version, ProblemCount problems,
        Func<CardSource, Location?> locate, Func<string, string> fileUri, Func<CardImage, string?>? src = null)
    {
        CardSourceInfo Source(CardSource s) => new(s.Tag, s.Path is null || s.IsConfiguration ? null : locate(s));
        CardValueInfo? Value(CardValue? v) => v is null ? null : new CardValueInfo(v.Text, v.IsDynamic, Source(v.Source));
        CardFieldInfo Field(CardField f) => new(f.Chain, Value(f.Value), f.Shown, f.Limit, f.LimitDocumented, f.IsTruncated, f.IsFallback);
        CardImageInfo? Image(CardImage? i) => i is null ? null : new CardImageInfo(
            i.Url, i.IsDynamic, Source(i.Source), i.FilePath is null ? null : fileUri(i.FilePath), i.FileExists,
            i.Facts?.Width, i.Facts?.Height, i.Facts?.Bytes, i.Facts is null ? null : i.Facts.Format.ToString().ToLowerInvariant(),
            i.Facts?.IsAnimated ?? false, i.Facts?.Problem, i.DeclaredWidth, i.DeclaredHeight, i.Alt, src?.Invoke(i));

        var platforms = card.Platforms.Select(p => new PlatformCardInfo(
            p.Id, p.Name, char.ToLowerInvariant(p.Layout.ToString()[0]) + p.Layout.ToString()[1..], Field(p.Title), Field(p.Description), Field(p.Site),
            Image(p.Image), p.ImageAspect, p.ImageChain, p.Note)).ToList();
        return new ShareCardInfo(uri, version, card.IsComposed, card.ComposedFrom.Select(fileUri).ToList(),
            Value(card.Url), card.DisplayHost, card.XCardType, card.ThemeColor, platforms, problems);
    }

    /// <summary>How many problems of each severity: what a view prints beside the cards.</summary>
    public static ProblemCount Count(IEnumerable<DiagnosticSeverity> severities)
    {
        int errors = 0, warnings = 0, infos = 0, hints = 0;
        foreach (var s in severities)
        {
            _ = s switch
            {
                DiagnosticSeverity.Error => errors++,
                DiagnosticSeverity.Warning => warnings++,
                DiagnosticSeverity.Info => infos++,
                _ => hints++,
            };
        }

        return new ProblemCount(errors, warnings, infos, hints);
    }

    /// <summary>share-cards.js: <c>SmolspCards.render(element, card, options)</c>.</summary>
    public static string Script { get; } = Resource("share-cards.js");

    /// <summary>share-cards.css, themed by VS Code's CSS variables when present.</summary>
    public static string Style { get; } = Resource("share-cards.css");

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SmoLsp.Server.Cards." + name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
