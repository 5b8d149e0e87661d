using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO005MissingOgTypeTests
{
    [Fact]
    public void Reports_on_head_when_no_og_type()
    {
        var diagnostics = RuleVerifier.Verify<SMO005MissingOgType>("""
            <!doctype html>
            <html>
              <head>
                <meta property="og:title" content="Acme Widgets">
              [|</head>|]
            </html>
            """);
        diagnostics.ShouldHaveSingleItem().Severity.ShouldBe(DiagnosticSeverity.Info);
    }

    [Fact]
    public void Silent_when_og_type_present() => RuleVerifier.Verify<SMO005MissingOgType>("""
        <html>
          <head>
            <meta property="og:type" content="article">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_type_is_dynamic() => RuleVerifier.Verify<SMO005MissingOgType>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="@(ViewData["OgType"] ?? "website")" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO005MissingOgType>("""
        <article><h2>@Model.Title</h2></article>
        """, "Views/Blog/_Post.cshtml");

    [Fact]
    public void Fix_inserts_website() => RuleVerifier.VerifyFix<SMO005MissingOgType>("""
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:title" content="Acme">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:title" content="Acme">
            <meta property="og:type" content="website">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_follows_the_razor_layout_style() => RuleVerifier.VerifyFix<SMO005MissingOgType>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"]</title>
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"]</title>
            <meta property="og:type" content="website" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);
}
