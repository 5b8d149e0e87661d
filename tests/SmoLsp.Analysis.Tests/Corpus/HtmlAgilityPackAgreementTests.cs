using HtmlAgilityPack;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Corpus;

/// <summary>
/// Our scanner against HtmlAgilityPack as the reference parser: on every plain HTML file of the corpus both must see
/// the same head-relevant tags (meta, link, title, a) in the same order, with the same attribute values. Templates
/// (Liquid, Go, Jinja tags) are not HTML to HtmlAgilityPack: it splits <c>href="{{ "x" | relURL }}"</c> at the inner
/// quote and reads markup inside template comments, where our projection masks the tags.
/// </summary>
public sealed class HtmlAgilityPackAgreementTests
{
    [SmoLsp.Tests.CorpusFact]
    public void Scanner_agrees_with_HtmlAgilityPack_on_head_tags_across_the_corpus()
    {
        var disagreements = new List<string>();
        var compared = 0;
        foreach (var file in SmoLsp.Tests.Corpus.All(".html", ".htm"))
        {
            var text = File.ReadAllText(file);
            var parsed = ParsedTemplate.Parse(text, TemplateLanguage.Html);
            if (parsed.Projection.Tags.Count > 0 || parsed.Projection.FrontMatter is not null || parsed.Projection.Comments.Count > 0)
            {
                continue;
            }

            var ours = parsed.Elements
                .Where(e => e.Name is "meta" or "link" or "title")
                .Select(e => Describe(e.Name, e.GetAttributeValue("property")?.Text, e.GetAttributeValue("name")?.Text, e.GetAttributeValue("content")?.Text ?? e.GetAttributeValue("href")?.Text))
                .ToList();
            var doc = new HtmlDocument();
            doc.LoadHtml(text);
            var theirs = doc.DocumentNode.Descendants()
                .Where(n => n.NodeType == HtmlNodeType.Element && n.Name is "meta" or "link" or "title")
                .Select(n => Describe(n.Name, Decode(n.GetAttributeValue("property", null)), Decode(n.GetAttributeValue("name", null)), Decode(n.GetAttributeValue("content", null) ?? n.GetAttributeValue("href", null))))
                .ToList();
            compared += ours.Count;
            if (!ours.SequenceEqual(theirs))
            {
                var firstDiff = ours.Zip(theirs).FirstOrDefault(p => p.First != p.Second);
                disagreements.Add($"{Path.GetFileName(file)}: ours {ours.Count} vs HAP {theirs.Count}; first difference {firstDiff}");
            }
        }

        compared.ShouldBeGreaterThan(1000);
        disagreements.ShouldBeEmpty();
    }

    private static string? Decode(string? value) => value is null ? null : TextNormalizer.DecodeEntities(value);

    private static string Describe(string name, string? property, string? metaName, string? value) => $"{name}|{property}|{metaName}|{value}";
}
