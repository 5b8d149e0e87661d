using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO211DuplicateDescriptionAcrossPagesTests
{
    [Fact]
    public void Reports_pages_that_share_a_description()
    {
        var found = SiteVerifier.Verify<SMO211DuplicateDescriptionAcrossPages>(
            ("index.html", "<html><head><title>A</title>[|<meta name=\"description\" content=\"Widgets for everyone.\">|]</head></html>"),
            ("about.html", "<html><head><title>B</title>[|<meta name=\"description\" content=\"widgets  for everyone.\">|]</head></html>"),
            ("contact.html", "<html><head><title>C</title><meta name=\"description\" content=\"How to reach Acme.\"></head></html>"));
        found[0].Diagnostic.Severity.ShouldBe(DiagnosticSeverity.Info);
        found.Single(d => d.Path == "about.html").Diagnostic.Message.ShouldStartWith("The meta description \"widgets for everyone.\" is also the description of index.html:");
    }

    [Fact]
    public void Dynamic_and_og_descriptions_take_no_part() => SiteVerifier.Verify<SMO211DuplicateDescriptionAcrossPages>(
        ("Views/Shared/_Layout.cshtml", "<!DOCTYPE html><html><head><meta name=\"description\" content=\"@ViewData[\"Description\"]\"></head></html>"),
        ("Views/Shared/_Amp.cshtml", "<!DOCTYPE html><html><head><meta name=\"description\" content=\"@ViewData[\"Description\"]\"></head></html>"),
        ("a.html", "<html><head><meta property=\"og:description\" content=\"Same\"></head></html>"),
        ("b.html", "<html><head><meta property=\"og:description\" content=\"Same\"></head></html>"),
        ("c.html", "<html><head><meta name=\"description\" content=\"\"></head></html>"),
        ("d.html", "<html><head><meta name=\"description\" content=\"\"></head></html>"));

    [Fact]
    public void Blazor_head_content_counts_and_partials_do_not() => SiteVerifier.Verify<SMO211DuplicateDescriptionAcrossPages>(
        ("Pages/Index.razor", "@page \"/\"\n<HeadContent>[|<meta name=\"description\" content=\"Acme\" />|]</HeadContent>\n"),
        ("Pages/About.razor", "@page \"/about\"\n<HeadContent>[|<meta name=\"description\" content=\"Acme\" />|]</HeadContent>\n"),
        ("Shared/Card.razor", "<meta name=\"description\" content=\"Acme\" />\n"));
}
