using SmoLsp.Analysis;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO006MissingOgSiteNameTests
{
    [Fact]
    public void Reports_on_head_when_no_og_site_name()
    {
        var diagnostics = RuleVerifier.Verify<SMO006MissingOgSiteName>("""
            <!doctype html>
            <html>
              <head>
                <title>Widgets - Acme</title>
              [|</head>|]
            </html>
            """);
        diagnostics.ShouldHaveSingleItem().Severity.ShouldBe(DiagnosticSeverity.Info);
    }

    [Fact]
    public void Silent_when_og_site_name_present() => RuleVerifier.Verify<SMO006MissingOgSiteName>("""
        <html>
          <head>
            <meta property="og:site_name" content="Acme">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_site_name_is_dynamic() => RuleVerifier.Verify<SMO006MissingOgSiteName>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:site_name" content="@Options.Value.SiteName" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO006MissingOgSiteName>("""
        <footer>&copy; Acme</footer>
        """, "Views/Shared/_Footer.cshtml");

    [Fact]
    public void Without_configured_site_name_there_is_no_fix()
    {
        var result = RuleVerifier.EngineFor("SMO006").Analyze(TemplateDocument.FromPath("index.html", "<html><head><title>Acme</title></head></html>"));
        result.Diagnostics.ShouldHaveSingleItem().Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void Fix_inserts_the_configured_site_name() => RuleVerifier.VerifyFix<SMO006MissingOgSiteName>("""
        <html>
          <head>
            <title>Widgets - Acme</title>
            <meta property="og:title" content="Widgets">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Widgets - Acme</title>
            <meta property="og:title" content="Widgets">
            <meta property="og:site_name" content="Acme &amp; Sons">
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "siteName": "Acme & Sons" }"""), safety: FixSafety.Safe);
}
