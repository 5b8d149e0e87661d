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
        var document = new FactsDocument(Version, "smolsp " + Program.Version, pages, shard is { } s ? $"{s.Index}/{s.Count}" : null);
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

    /// <summary>
    /// One shard's pages, read back: (site folder, the page's facts), full paths under <paramref name="cwd"/>. A file that
    /// is not what <see cref="Write"/> writes, in any field, throws <see cref="InvalidDataException"/> naming it: a
    /// hand-edited or truncated file must stop the merge, never crash it or change what it reports.
    /// </summary>
    /// <param name="siteRules">The cross-page rules' descriptors: a fact of any other rule cannot be merged.</param>
    public static IReadOnlyList<(string Site, PageFacts Facts)> Read(string file, string cwd, IReadOnlyList<RuleDescriptor> siteRules)
    {
        var bytes = File.ReadAllBytes(Path.GetFullPath(file, cwd));
        FactsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, SiteFactsJsonContext.Default.FactsDocument);
        }
        catch (JsonException ex)
        {
            // Another version may be shaped otherwise: its version is the clearer thing to say.
            throw new InvalidDataException(VersionOf(bytes) is { } version and not Version ? OtherVersion(file, version) : $"{file}: not a site-facts file ({ex.Message})");
        }

        if (document is null)
        {
            throw new InvalidDataException($"{file}: not a site-facts file (null)");
        }

        if (document.Version != Version)
        {
            throw new InvalidDataException(OtherVersion(file, document.Version));
        }

        var byId = siteRules.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);
        var pages = new List<(string, PageFacts)>(document.Pages.Count);
        // The serializer rejects nulls and missing fields, but not a null item of a list; values it cannot judge are checked here.
        foreach (var page in document.Pages)
        {
            if (page is null || page.Path.Length == 0 || page.Site.Length == 0)
            {
                throw new InvalidDataException($"{file}: not a site-facts file (a page without a path or a site)");
            }

            var facts = new List<PageFact>(page.Facts.Count);
            foreach (var f in page.Facts)
            {
                if (f is null)
                {
                    throw Malformed(file, page, "a fact is null");
                }

                if (!byId.TryGetValue(f.Rule, out var descriptor))
                {
                    throw new InvalidDataException($"{file}: {page.Path}: rule {f.Rule} is not one of this smolsp's cross-page rules (a plugin's cross-page rule cannot be merged)");
                }

                if (f.Start < 0 || f.Length < 0 || f.Range is not [>= 0 and var sl, >= 0 and var sc, >= 0 and var el, >= 0 and var ec]
                    || !Enum.TryParse<DiagnosticSeverity>(f.Severity, out var severity) || !Enum.IsDefined(severity))
                {
                    throw Malformed(file, page, $"a fact of {f.Rule} is malformed");
                }

                SuppressionDirective? suppression = null;
                if (f.Suppression is { } s)
                {
                    // A suppression dropped would turn a suppressed finding into an active one.
                    if (!Enum.TryParse<SuppressionKind>(s.Kind, out var kind) || !Enum.IsDefined(kind) || s.Rules.Any(r => r is null) || s.Start < 0 || s.Length < 0)
                    {
                        throw Malformed(file, page, $"the suppression of a fact of {f.Rule} is malformed");
                    }

                    suppression = new SuppressionDirective(kind, s.Rules, new TextSpan(s.Start, s.Length), s.Justification);
                }

                facts.Add(new PageFact(descriptor, new PageValue(f.Key, f.Text, new TextSpan(f.Start, f.Length)),
                    new LinePositionSpan(new LinePosition(sl, sc), new LinePosition(el, ec)), severity, suppression));
            }

            pages.Add((Full(page.Site, cwd), new PageFacts(Full(page.Path, cwd), facts)));
        }

        return pages;
    }

    private static InvalidDataException Malformed(string file, FactsPage page, string why) => new($"{file}: {page.Path}: {why}");

    private static string OtherVersion(string file, int version) =>
        $"{file}: site-facts version {version} is not {Version}: write every shard with the same smolsp";

    /// <summary>The file's version when it has a number there, whatever the rest holds; else null.</summary>
    private static int? VersionOf(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, SiteFactsJsonContext.Default.FactsVersion)?.Version;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A path as written in the file, made full; a served page's URL (and its origin, its site) stays as it is.</summary>
    private static string Full(string path, string cwd) => Site.Web.WebAddresses.IsUrl(path) ? path : Path.GetFullPath(path, cwd);
}

// Pages are written last, after the shard, though the optional shard comes last in the constructor.
internal sealed record FactsDocument(int Version, string Tool, [property: JsonPropertyOrder(1)] List<FactsPage> Pages, string? Shard = null);

internal sealed record FactsVersion(int Version);

internal sealed record FactsPage(string Path, string Site, List<FactRecord> Facts);

internal sealed record FactRecord(string Rule, string Key, string Text, int Start, int Length, int[] Range, string Severity, FactSuppression? Suppression = null);

internal sealed record FactSuppression(string Kind, List<string> Rules, int Start, int Length, string? Justification = null);

// Nulls and missing fields are errors, as for a type the file does not hold: a field read as null or 0 would merge wrong facts.
// The optional fields (written only when set) default to null.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FactsDocument))]
[JsonSerializable(typeof(FactsVersion))]
internal sealed partial class SiteFactsJsonContext : JsonSerializerContext;
