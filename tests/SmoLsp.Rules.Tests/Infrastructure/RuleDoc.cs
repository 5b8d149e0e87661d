using System.Text.RegularExpressions;

namespace SmoLsp.Rules.Tests.Infrastructure;

/// <summary>A rule's doc page (<c>rules/docs/SMOxxx.md</c>) and its <c>incorrect</c>/<c>correct</c> examples.</summary>
/// <remarks><see cref="ImagesJson"/> is a <c>json images</c> block: the local image files every example of the page sees (<see cref="FakeWorkspace.FromJson"/>).</remarks>
public sealed partial record RuleDoc(string Id, string Title, string Text, IReadOnlyList<DocExample> Incorrect, IReadOnlyList<DocExample> Correct, string? ConfigJson, string? ImagesJson = null)
{
    public static string DocsDirectory => Path.Combine(AppContext.BaseDirectory, "docs");

    public static RuleDoc? Load(string id)
    {
        var path = Path.Combine(DocsDirectory, id + ".md");
        return File.Exists(path) ? Parse(id, File.ReadAllText(path)) : null;
    }

    public static RuleDoc Parse(string id, string text)
    {
        var title = text.Split('\n')[0].Trim();
        var incorrect = new List<DocExample>();
        var correct = new List<DocExample>();
        string? config = null;
        string? images = null;
        List<DocExample>? current = null;
        var group = 0;
        var lastWasSite = false;
        foreach (Match m in Section().Matches(text))
        {
            if (m.Groups["heading"].Success)
            {
                lastWasSite = false;
                var heading = m.Groups["heading"].Value.Trim().ToLowerInvariant();
                current = heading.StartsWith("incorrect", StringComparison.Ordinal) ? incorrect : heading.StartsWith("correct", StringComparison.Ordinal) ? correct : null;
                continue;
            }

            var info = m.Groups["info"].Value.Trim();
            var code = m.Groups["code"].Value;
            var lang = info.Split(' ')[0];
            if (lang == "json" && info.Contains("smolsp.json", StringComparison.Ordinal))
            {
                config = code;
                continue;
            }

            // "images": local files by site path, and what URLs answer; "web" is the same block for pages that only name URLs.
            if (lang == "json" && info.Split(' ') is var words && (words.Contains("images") || words.Contains("web")))
            {
                images = code;
                continue;
            }

            if (current is null || lang is not ("html" or "cshtml" or "razor"))
            {
                continue;
            }

            var pathMatch = PathToken().Match(info);
            var path = pathMatch.Success ? pathMatch.Groups[1].Value : lang switch
            {
                "cshtml" => "Views/Home/Index.cshtml",
                "razor" => "Pages/Index.razor",
                _ => "index.html",
            };
            // Site rules compare pages: consecutive blocks marked "site" in one section are the pages of one site.
            var isSite = info.Split(' ').Contains("site");
            if (!isSite || !lastWasSite)
            {
                group++;
            }

            lastWasSite = isSite;
            current.Add(new DocExample(path, code) { Site = group });
        }

        return new RuleDoc(id, title, text, incorrect, correct, config, images);
    }

    [GeneratedRegex(@"^##\s+(?<heading>[^\n]+)$|^```(?<info>[^\n]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"path=(\S+)")]
    private static partial Regex PathToken();
}

public sealed record DocExample(string Path, string Code)
{
    /// <summary>Examples with the same number are the pages of one site (for site rules); every other example has its own.</summary>
    public int Site { get; init; }

    public override string ToString() => Path;
}
