using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Corpus;

/// <summary>Every real template in the corpus parses without exception, and every span maps back to the right characters.</summary>
public sealed class CorpusTests
{
    [SmoLsp.Tests.CorpusFact]
    public void Corpus_is_present()
    {
        // CI clones the repository next to shared/; without the corpus these tests would silently pass.
        SmoLsp.Tests.Corpus.Root.ShouldNotBeNull("../shared/corpus not found above the test output folder");
        SmoLsp.Tests.Corpus.All(".html", ".cshtml", ".razor").Count().ShouldBeGreaterThan(1500);
    }

    [SmoLsp.Tests.CorpusFact]
    public void Every_template_parses_with_exact_spans()
    {
        var failures = new List<string>();
        foreach (var file in SmoLsp.Tests.Corpus.All(".html", ".htm", ".cshtml", ".razor"))
        {
            var text = File.ReadAllText(file);
            var language = TemplateLanguages.FromPath(file)!.Value;
            var parsed = ParsedTemplate.Parse(text, language);
            parsed.Projection.ProjectedText.Length.ShouldBe(text.Length);
            foreach (var e in parsed.Elements)
            {
                // The start tag in the original text begins with '<' and the element's name, as written.
                if (text[e.StartTagSpan.Start] != '<' || !text.AsSpan(e.NameSpan.Start, e.NameSpan.Length).SequenceEqual(e.SourceName))
                {
                    failures.Add($"{file}: element {e} does not map back");
                    break;
                }

                foreach (var a in e.Attributes)
                {
                    if (!text.AsSpan(a.NameSpan.Start, a.NameSpan.Length).Equals(a.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"{file}: attribute {a.Name} of {e} does not map back");
                    }
                }

                if (e.EndTagSpan is { } end && !(text[end.Start] == '<' && text[end.Start + 1] == '/'))
                {
                    failures.Add($"{file}: end tag of {e} does not map back");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [SmoLsp.Tests.CorpusFact]
    public void Razor_projection_keeps_markup_elements_and_masks_code()
    {
        var failures = new List<string>();
        foreach (var file in SmoLsp.Tests.Corpus.All(".cshtml", ".razor"))
        {
            var text = File.ReadAllText(file);
            var parsed = ParsedTemplate.Parse(text, TemplateLanguages.FromPath(file)!.Value);

            // No element may start inside masked C#, and C# keywords never surface as elements.
            foreach (var e in parsed.Elements)
            {
                if (parsed.ContainsCode(new SmoLsp.Analysis.Text.TextSpan(e.StartTagSpan.Start, 1)))
                {
                    failures.Add($"{file}: element {e} starts inside code");
                }
            }

            // Every <meta>, <title>, <link> written in the original markup (outside C# strings) is still an element.
            var headTags = parsed.Elements.Count(e => e.Name is "meta" or "title" or "link");
            var naive = CountTagsOutsideCode(text, parsed);
            headTags.ShouldBe(naive, file);
        }

        failures.ShouldBeEmpty();
    }

    [SmoLsp.Tests.CorpusFact]
    public void Razor_projection_changes_only_code_and_comments_and_keeps_every_line_break()
    {
        var failures = new List<string>();
        foreach (var file in SmoLsp.Tests.Corpus.All(".cshtml", ".razor"))
        {
            var text = File.ReadAllText(file);
            var projection = ParsedTemplate.Parse(text, TemplateLanguages.FromPath(file)!.Value).Projection;
            var masked = new bool[text.Length];
            foreach (var span in projection.CodeSpans.Concat(projection.Comments.Select(c => c.Span)))
            {
                Array.Fill(masked, true, span.Start, span.Length);
            }

            for (var i = 0; i < text.Length; i++)
            {
                var expected = !masked[i] || text[i] is '\r' or '\n' ? text[i] : ' ';
                if (projection.ProjectedText[i] != expected)
                {
                    failures.Add($"{file}: offset {i}: '{text[i]}' projected as '{projection.ProjectedText[i]}'");
                    break;
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    private static int CountTagsOutsideCode(string text, ParsedTemplate parsed)
    {
        var count = 0;
        foreach (var tag in new[] { "<meta", "<title", "<link" })
        {
            var i = 0;
            while ((i = text.IndexOf(tag, i, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var after = i + tag.Length < text.Length ? text[i + tag.Length] : ' ';
                if ((char.IsWhiteSpace(after) || after is '>' or '/') && !parsed.ContainsCode(new SmoLsp.Analysis.Text.TextSpan(i, 1)) && !InComment(parsed, i))
                {
                    count++;
                }

                i += tag.Length;
            }
        }

        return count;
    }

    private static bool InComment(ParsedTemplate parsed, int offset) => parsed.Comments.Any(c => c.Span.Contains(offset));
}
