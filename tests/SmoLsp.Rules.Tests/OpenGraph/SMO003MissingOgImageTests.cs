using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO003MissingOgImageTests
{
    [Fact]
    public void Reports_on_head_when_no_og_image() => RuleVerifier.Verify<SMO003MissingOgImage>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:title" content="Acme Widgets">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Twitter_image_does_not_replace_og_image() => RuleVerifier.Verify<SMO003MissingOgImage>("""
        <html>
          <head>
            <meta name="twitter:image" content="https://acme.example/card.png">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Silent_when_og_image_present() => RuleVerifier.Verify<SMO003MissingOgImage>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.example/card.png">
          </head>
        </html>
        """);

    [Fact]
    public void Og_image_url_counts_as_og_image() => RuleVerifier.Verify<SMO003MissingOgImage>("""
        <html>
          <head>
            <meta property="og:image:url" content="https://acme.example/card.png">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_image_is_dynamic() => RuleVerifier.Verify<SMO003MissingOgImage>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="@Model.ImageUrl" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO003MissingOgImage>("""
        <img src="@Model.Photo" alt="@Model.Name" />
        """, "Views/Shared/_Photo.cshtml");

    [Fact]
    public void Without_default_image_offers_a_placeholder_suggestion() => RuleVerifier.VerifyFix<SMO003MissingOgImage>("""
        <html>
          <head>
            <meta property="og:title" content="Acme">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:title" content="Acme">
            <meta property="og:image" content="TODO: absolute URL of a 1200x630 image">
          </head>
        </html>
        """, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_inserts_absolute_default_image() => RuleVerifier.VerifyFix<SMO003MissingOgImage>("""
        <html>
          <head>
            <meta property="og:title" content="Acme" />
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:title" content="Acme" />
            <meta property="og:image" content="https://cdn.acme.example/card.png?v=2&amp;s=1" />
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "defaultImage": "https://cdn.acme.example/card.png?v=2&s=1" }"""), safety: FixSafety.Safe);

    [Theory]
    [InlineData("/img/card.png")]
    [InlineData("img/card.png")]
    [InlineData("~/img/card.png")]
    public void Fix_makes_a_relative_default_image_absolute_with_the_site_url(string defaultImage) => RuleVerifier.VerifyFix<SMO003MissingOgImage>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"]</title>
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"]</title>
            <meta property="og:image" content="https://acme.example/img/card.png" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", RuleVerifier.Config($$"""{ "siteUrl": "https://acme.example/", "defaultImage": "{{defaultImage}}" }"""), safety: FixSafety.Safe);

    [Fact]
    public void Relative_default_image_without_site_url_is_only_a_suggestion() => RuleVerifier.VerifyFix<SMO003MissingOgImage>("""
        <html>
          <head>
            <title>Acme</title>
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:image" content="/img/card.png">
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "defaultImage": "/img/card.png" }"""), safety: FixSafety.Suggestion);
}
