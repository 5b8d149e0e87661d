using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Tests.Engine;

/// <summary>The suppression index answers exactly what a scan of every directive in document order answers.</summary>
public sealed class SuppressionIndexTests
{
    private static readonly string[] s_directives =
    [
        "<!-- smolsp-disable-next-line SMO001 -->", "<!-- smolsp-disable-next-line -->", "<!-- smolsp-disable-line SMO002 -->",
        "<!-- smolsp-disable SMO001 -->", "<!-- smolsp-disable -->", "<!-- smolsp-disable SMO001,SMO002 -->",
        "<!-- smolsp-enable SMO001 -->", "<!-- smolsp-enable -->", "<!-- smolsp-enable SMO002 -->",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_pages_get_the_same_answers_as_a_scan(int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 300).Select(_ => random.Next(4) switch
        {
            0 => s_directives[random.Next(s_directives.Length)],
            1 => "<p>text</p> " + s_directives[random.Next(s_directives.Length)],
            _ => "<p>text</p>",
        });
        var syntax = ParsedTemplate.Parse("<html><head>\n" + string.Join('\n', lines) + "\n</head></html>", TemplateLanguage.Html);
        var directives = Suppressions.Find(syntax);
        directives.Count.ShouldBeGreaterThan(30);
        var index = new SuppressionIndex(directives, syntax.Source);
        var head = syntax.Elements.First(e => e.Name == "head");
        for (var position = 0; position < syntax.Source.Length; position += 7)
        {
            foreach (var rule in new[] { "SMO001", "SMO002", "SMO003" })
            {
                var span = new TextSpan(position, 0);
                index.Find(rule, span).ShouldBe(Scan(directives, rule, span, syntax.Source), $"{rule} at {position}");
            }
        }

        foreach (var rule in new[] { "SMO001", "SMO002", "SMO003" })
        {
            var anchor = head.EndTagSpan!.Value;
            var expected = Scan(directives, rule, anchor, syntax.Source) ?? Scan(directives, rule, head.StartTagSpan, syntax.Source)
                ?? directives.FirstOrDefault(d => d.Kind == SuppressionKind.Disable && d.Covers(rule) && d.Span.Start >= head.StartTagSpan.End && d.Span.End <= anchor.Start);
            index.Find(rule, anchor, head).ShouldBe(expected);
        }
    }

    /// <summary>The definition: the first directive, in document order, that applies at the span.</summary>
    private static SuppressionDirective? Scan(IReadOnlyList<SuppressionDirective> directives, string ruleId, TextSpan span, SourceText source)
    {
        var line = source.Lines.GetLineNumber(span.Start);
        for (var i = 0; i < directives.Count; i++)
        {
            var d = directives[i];
            if (!d.Covers(ruleId))
            {
                continue;
            }

            var regionEnd = source.Length;
            for (var j = i + 1; j < directives.Count; j++)
            {
                if (directives[j].Kind == SuppressionKind.Enable && directives[j].Covers(ruleId))
                {
                    regionEnd = directives[j].Span.Start;
                    break;
                }
            }

            var applies = d.Kind switch
            {
                SuppressionKind.DisableNextLine => source.Lines.GetLineNumber(d.Span.End) + 1 == line,
                SuppressionKind.DisableLine => source.Lines.GetLineNumber(d.Span.Start) == line,
                SuppressionKind.Disable => span.Start >= d.Span.End && span.Start < regionEnd,
                _ => false,
            };
            if (applies)
            {
                return d;
            }
        }

        return null;
    }
}
