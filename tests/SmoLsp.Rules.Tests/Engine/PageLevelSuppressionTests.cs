using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;

namespace SmoLsp.Rules.Tests.Engine;

/// <summary>
/// Page-level findings sit on <c>&lt;/head&gt;</c> but are about the whole head: directives aimed at the head suppress
/// them, and are then used (no SMO901).
/// </summary>
public sealed class PageLevelSuppressionTests
{
    private static readonly AnalysisEngine s_engine = new(BuiltInRules.All.Where(r => r.Descriptor.Id == "SMO001"));

    private static AnalysisResult Analyze(string text, string path = "/site/index.html") => s_engine.Analyze(TemplateDocument.FromPath(path, text));

    [Theory]
    [InlineData("<html>\n<head>\n<!-- smolsp-disable SMO001 -- the CMS writes og:title -->\n<title>Acme Widgets</title>\n</head>\n</html>\n")]
    [InlineData("<html>\n<head>\n<title>Acme Widgets</title>\n<!-- smolsp-disable -->\n</head>\n</html>\n")]
    [InlineData("<html>\n<!-- smolsp-disable-next-line SMO001 -->\n<head>\n<title>Acme Widgets</title>\n</head>\n</html>\n")]
    [InlineData("<html>\n<head> <!-- smolsp-disable-line SMO001 -->\n<title>Acme Widgets</title>\n</head>\n</html>\n")]
    [InlineData("<html>\n<head>\n<title>Acme Widgets</title>\n<!-- smolsp-disable-next-line SMO001 -->\n</head>\n</html>\n")]
    public void A_directive_aimed_at_the_head_suppresses_its_page_level_findings_and_is_used(string html)
    {
        var result = Analyze(html);
        result.Diagnostics.ShouldBeEmpty();
        result.Suppressed.Single().Diagnostic.Id.ShouldBe("SMO001");
    }

    [Fact]
    public void Razor_comments_inside_the_head_work_the_same()
    {
        var result = Analyze("<html>\n<head>\n    @* smolsp-disable SMO001 *@\n    <title>@ViewData[\"Title\"]</title>\n</head>\n</html>\n", "/site/Views/Shared/_Layout.cshtml");
        result.Diagnostics.ShouldBeEmpty();
        result.Suppressed.Single().Diagnostic.Id.ShouldBe("SMO001");
    }

    [Fact]
    public void A_directive_in_the_body_or_for_another_rule_does_not()
    {
        var result = Analyze("<html>\n<head>\n<!-- smolsp-disable SMO002 -->\n<title>Acme Widgets</title>\n</head>\n<body>\n<!-- smolsp-disable SMO001 -->\n</body>\n</html>\n");
        result.Diagnostics.Select(d => d.Id).ShouldBe(["SMO001", "SMO901", "SMO901"], ignoreOrder: true);
    }

    [Fact]
    public void Page_level_findings_sit_on_the_head_end_tag_and_the_page_anchor_says_so()
    {
        const string html = "<html>\n<head>\n<title>Acme Widgets</title>\n</head>\n</html>\n";
        var result = Analyze(html);
        var finding = result.Diagnostics.Single();
        html.Substring(finding.Span.Start, finding.Span.Length).ShouldBe("</head>");
        result.PageAnchor.ShouldBe(finding.Span);

        // Without an end tag (optional in HTML) they stay on the start tag.
        var open = Analyze("<html>\n<head>\n<title>Acme Widgets</title>\n<body></body></html>\n").Diagnostics.Single();
        open.Span.Length.ShouldBe("<head>".Length);
    }
}
