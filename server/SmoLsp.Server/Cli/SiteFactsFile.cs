using System.Text.Json;
using System.Text.Json.Serialization;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Analysis.Text;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>
/// What one <c>check --shard I/N --site-facts FILE</c> job knows about its pages for the cross-page rules: each page's
/// <see cref="PageFacts"/> (a comparison key, the text to quote, positions, the resolved severity and any inline
/// suppression) and the site it belongs to (<see cref="SiteBoundaries"/>), paths as reports print them (relative to the
/// working directory). <c>smolsp merge</c> reads every shard's file and runs the cross-page rules over all of them, so a
/// tree of any size needs no unsharded job. A few hundred bytes per page.
/// </summary>
public static class SiteFactsFile
{
    public const int Version = 1;

    /// <summary>Writes every page's facts the session kept; returns an error message, or null.</summary>
    public static string? Write(string file, SiteSession site, string cwd, Shard? shard)
    {
        var pages = site.FactsBySite().Select(page => new FactsPage(
            SitePaths.Display(page.Facts.Path, cwd),
            SitePaths.Display(page.Site, cwd),
            [.. page.Facts.Facts.Select(f => new FactRecord(
                f.Descriptor.Id, f.Value.Key, f.Value.Text, f.Value.Span.Start, f.Value.Span.Length,
                [f.Range.Start.Line, f.Range.Start.Character, f.Range.End.Line, f.Range.End.Character],
                f.Severity.ToString(),
                f.Suppression is { } s ? new FactSuppression(s.Kind.ToString(), [.. s.RuleIds], s.Span.Start, s.Span.Length, s.Justification) : null))]))
            .OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        var document = new FactsDocument(Version, "smolsp " + ReportContext.ToolVersion, shard is { } s ? $"{s.Index}/{s.Count}" : null, pages);
        try
        {
            var full = Path.GetFullPath(file, cwd);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, JsonSerializer.SerializeToUtf8Bytes(document, SiteFactsJsonContext.Default.FactsDocument));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"--site-facts {file}: cannot write: {ex.Message}";
        }
    }

    /// <summary>One shard's pages, read back: (site folder, the page's facts), full paths under <paramref name="cwd"/>.</summary>
    public static IReadOnlyList<(string Site, PageFacts Facts)> Read(string file, string cwd, IReadOnlyList<RuleDescriptor> descriptors)
    {
        FactsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllBytes(Path.GetFullPath(file, cwd)), SiteFactsJsonContext.Default.FactsDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: not a site-facts file ({ex.Message})");
        }

        if (document is null || document.Version != Version)
        {
            throw new InvalidDataException($"{file}: site-facts version {document?.Version} is not {Version}: write every shard with the same smolsp");
        }

        var byId = descriptors.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);
        var pages = new List<(string, PageFacts)>(document.Pages.Count);
        foreach (var page in document.Pages)
        {
            var facts = new List<PageFact>(page.Facts.Count);
            foreach (var f in page.Facts)
            {
                if (!byId.TryGetValue(f.Rule, out var descriptor))
                {
                    throw new InvalidDataException($"{file}: {page.Path}: rule {f.Rule} is not one of this smolsp's rules (a plugin's cross-page rule cannot be merged)");
                }

                if (f.Range is not [var sl, var sc, var el, var ec] || !Enum.TryParse<DiagnosticSeverity>(f.Severity, out var severity))
                {
                    throw new InvalidDataException($"{file}: {page.Path}: a fact of {f.Rule} is malformed");
                }

                var suppression = f.Suppression is { } s && Enum.TryParse<SuppressionKind>(s.Kind, out var kind)
                    ? new SuppressionDirective(kind, s.Rules, new TextSpan(s.Start, s.Length), s.Justification)
                    : null;
                facts.Add(new PageFact(descriptor, new PageValue(f.Key, f.Text, new TextSpan(f.Start, f.Length)),
                    new LinePositionSpan(new LinePosition(sl, sc), new LinePosition(el, ec)), severity, suppression));
            }

            pages.Add((Full(page.Site, cwd), new PageFacts(Full(page.Path, cwd), facts)));
        }

        return pages;
    }

    /// <summary>A path as written in the file, made full; a served page's URL (and its origin, its site) stays as it is.</summary>
    private static string Full(string path, string cwd) => Site.Web.WebAddresses.IsUrl(path) ? path : Path.GetFullPath(path, cwd);
}

internal sealed record FactsDocument(int Version, string Tool, string? Shard, List<FactsPage> Pages);

internal sealed record FactsPage(string Path, string Site, List<FactRecord> Facts);

internal sealed record FactRecord(string Rule, string Key, string Text, int Start, int Length, int[] Range, string Severity, FactSuppression? Suppression);

internal sealed record FactSuppression(string Kind, List<string> Rules, int Start, int Length, string? Justification);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FactsDocument))]
internal sealed partial class SiteFactsJsonContext : JsonSerializerContext;
