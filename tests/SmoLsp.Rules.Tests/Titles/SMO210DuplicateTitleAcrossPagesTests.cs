using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO210DuplicateTitleAcrossPagesTests
{
    [Fact]
    public void Reports_every_page_that_shares_a_title() => SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
        ("index.html", "<html><head>[|<title>Acme Widgets</title>|]</head></html>"),
        ("about.html", "<html><head>[|<title>Acme Widgets</title>|]</head></html>"),
        ("blog/post.html", "<html><head>[|<title>Acme Widgets</title>|]</head></html>"),
        ("contact.html", "<html><head><title>Contact Acme</title></head></html>"));

    [Fact]
    public void Message_lists_the_other_pages_and_related_locations_point_at_them()
    {
        var found = SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
            ("a.html", "<html><head>[|<title>Acme</title>|]</head></html>"),
            ("b.html", "<html>\n<head>\n  [|<title>Acme</title>|]</head></html>"),
            ("c.html", "<html><head>[|<title>Acme</title>|]</head></html>"));
        var a = found.Single(d => d.Path == "a.html");
        a.Diagnostic.Message.ShouldBe("The title \"Acme\" is also the title of b.html and c.html: search results and share cards cannot tell these pages apart. Give each page its own title");
        a.Diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        a.Related.Select(r => r.Path).ShouldBe(["b.html", "c.html"]);
        a.Diagnostic.RelatedLocations.Select(r => r.DocumentPath).ShouldBe(["b.html", "c.html"]);
        var b = a.Related[0];
        (b.Range.Start.Line, b.Range.Start.Character).ShouldBe((2, 2));
    }

    [Fact]
    public void Comparison_ignores_case_and_whitespace() => SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
        ("a.html", "<html><head>[|<title>Acme   Widgets</title>|]</head></html>"),
        ("b.html", "<html><head>[|<title>\n  acme widgets\n</title>|]</head></html>"));

    [Fact]
    public void Dynamic_and_empty_titles_and_fragments_take_no_part() => SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
        ("Views/Shared/_Layout.cshtml", "<!DOCTYPE html><html><head><title>@ViewData[\"Title\"] - Acme</title></head></html>"),
        ("Views/Shared/_Other.cshtml", "<!DOCTYPE html><html><head><title>@ViewData[\"Title\"] - Acme</title></head></html>"),
        ("a.html", "<html><head><title> </title></head></html>"),
        ("b.html", "<html><head><title></title></head></html>"),
        ("Views/Home/_Card.cshtml", "<div><title>Acme</title></div>"),
        ("Views/Home/_Card2.cshtml", "<div><title>Acme</title></div>"));

    [Fact]
    public void Blazor_page_titles_count() => SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
        ("Pages/Index.razor", "@page \"/\"\n[|<PageTitle>Acme</PageTitle>|]\n"),
        ("Pages/About.razor", "@page \"/about\"\n[|<PageTitle>Acme</PageTitle>|]\n"));

    [Fact]
    public void Unique_titles_are_silent() => SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
        ("a.html", "<html><head><title>Acme Widgets</title></head></html>"),
        ("b.html", "<html><head><title>About Acme</title></head></html>"));

    [Fact]
    public void An_inline_directive_suppresses_the_finding_on_its_page_only()
    {
        var found = SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(
            ("a.html", "<html><head>\n<!-- smolsp-disable-next-line SMO210 -- print version of b -->\n<title>Acme</title></head></html>"),
            ("b.html", "<html><head>[|<title>Acme</title>|]</head></html>"));
        var suppressed = found.Single(d => d.Path == "a.html");
        suppressed.Suppression.ShouldNotBeNull().Justification.ShouldBe("print version of b");
    }

    [Fact]
    public void A_directive_for_a_site_rule_is_not_reported_as_unused()
    {
        var engine = RuleVerifier.EngineFor("SMO210");
        var result = engine.Analyze(Analysis.TemplateDocument.FromPath("a.html", "<html><head>\n<!-- smolsp-disable-next-line SMO210 -->\n<title>Acme</title></head></html>"));
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Configured_severity_applies_per_page_and_off_takes_a_page_out()
    {
        var error = RuleVerifier.Config("""{ "rules": { "SMO210": "error" } }""");
        var found = SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(error,
            ("a.html", "<html><head>[|<title>Acme</title>|]</head></html>"),
            ("b.html", "<html><head>[|<title>Acme</title>|]</head></html>"));
        found.ShouldAllBe(d => d.Diagnostic.Severity == DiagnosticSeverity.Error);

        SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(RuleVerifier.Config("""{ "rules": { "SMO210": "off" } }"""),
            ("a.html", "<html><head><title>Acme</title></head></html>"),
            ("b.html", "<html><head><title>Acme</title></head></html>"));
    }

    [Fact]
    public void Many_copies_keep_the_message_and_related_locations_short()
    {
        var pages = Enumerable.Range(0, 40).Select(i => ($"p{i:00}.html", "<html><head>[|<title>Acme</title>|]</head></html>")).ToArray();
        var found = SiteVerifier.Verify<SMO210DuplicateTitleAcrossPages>(pages);
        var first = found[0];
        first.Diagnostic.Message.ShouldContain("p01.html, p02.html, p03.html, p04.html, p05.html and 34 more pages");
        first.Related.Count.ShouldBe(Analysis.Site.SiteAnalysis.MaxRelatedLocations);
    }

    [Fact]
    public void Result_does_not_depend_on_the_order_pages_arrive_in()
    {
        var engine = RuleVerifier.EngineFor("SMO210");
        var pages = new[] { ("b.html", "<html><head><title>X</title></head></html>"), ("a.html", "<html><head><title>X</title></head></html>"), ("c.html", "<html><head><title>x</title></head></html>") };
        var forward = SiteVerifier.Analyze(engine, pages).Select(d => d.Path + d.Diagnostic.Message);
        var backward = SiteVerifier.Analyze(engine, pages.Reverse()).Select(d => d.Path + d.Diagnostic.Message);
        forward.ShouldBe(backward);
    }
}
