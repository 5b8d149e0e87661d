using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO413LargeImagePreviewNotAllowedTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/hero.jpg", 1600, 900, format: Analysis.Workspace.ImageFormat.Jpeg)
        .Image("/img/thumb.jpg", 600, 315, format: Analysis.Workspace.ImageFormat.Jpeg);

    [Fact]
    public void Reports_an_article_with_a_large_image_and_no_robots_setting()
    {
        var diagnostics = RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>("""
            <html>
              <head>
                <meta property="og:type" content="article">
                <meta property="og:image" content="/img/hero.jpg">
              [|</head>|]
            </html>
            """, workspace: s_site);
        diagnostics[0].Message.ShouldBe("This article's share image is 1600 px wide, but the page has no robots meta tag with max-image-preview:large: Google Discover shows large images only with max-image-preview:large");
    }

    [Fact]
    public void Reports_on_a_robots_tag_without_the_setting() => RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>("""
        <html>
          <head>
            <meta name="robots" content="[|index, follow|]">
            <script type="application/ld+json">{ "@context": "https://schema.org", "@type": "BlogPosting", "headline": "Launch" }</script>
            <meta property="og:image" content="https://cdn.example/hero.jpg">
            <meta property="og:image:width" content="1200">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_allowed_decided_not_indexed_small_or_not_an_article()
    {
        const string Image = """<meta property="og:image" content="/img/hero.jpg">""";
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>($"""<html><head><meta property="og:type" content="article">{Image}<meta name="robots" content="max-image-preview:large"></head></html>""", workspace: s_site);
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>($"""<html><head><meta property="og:type" content="article">{Image}<meta name="googlebot" content="max-image-preview:standard"></head></html>""", workspace: s_site);
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>($"""<html><head><meta property="og:type" content="article">{Image}<meta name="robots" content="noindex"></head></html>""", workspace: s_site);
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>("""<html><head><meta property="og:type" content="article"><meta property="og:image" content="/img/thumb.jpg"></head></html>""", workspace: s_site);
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>($"""<html><head><meta property="og:type" content="website">{Image}</head></html>""", workspace: s_site);
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>("""<html><head><meta property="og:type" content="article"><meta property="og:image" content="https://cdn.example/unknown.jpg"></head></html>""");
        // A width written before its og:image describes no image (ogp.me; SMO010).
        RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>("""<html><head><meta property="og:type" content="article"><meta property="og:image:width" content="1200"><meta property="og:image" content="https://cdn.example/unknown.jpg"></head></html>""");
    }

    [Fact]
    public void Silent_for_dynamic_robots_and_heads_pages_add_to() => RuleVerifier.Verify<SMO413LargeImagePreviewNotAllowed>("""
        <html>
        <head>
            <meta property="og:type" content="article" />
            <meta property="og:image" content="~/img/hero.jpg" />
            <meta name="robots" content="@ViewData["Robots"]" />
        </head>
        </html>
        """, "Views/Blog/Post.cshtml", workspace: s_site);

    [Fact]
    public void Fix_appends_the_setting_to_the_robots_tag() => RuleVerifier.VerifyFix<SMO413LargeImagePreviewNotAllowed>("""
        <head>
          <meta property="og:type" content="article">
          <meta property="og:image" content="/img/hero.jpg">
          <meta name="robots" content="index, follow">
        </head>
        """, """
        <head>
          <meta property="og:type" content="article">
          <meta property="og:image" content="/img/hero.jpg">
          <meta name="robots" content="index, follow, max-image-preview:large">
        </head>
        """, safety: FixSafety.Suggestion, workspace: s_site);

    [Fact]
    public void Fix_inserts_a_robots_tag() => RuleVerifier.VerifyFix<SMO413LargeImagePreviewNotAllowed>("""
        <html>
          <head>
            <meta property="og:type" content="article">
            <meta property="og:image" content="/img/hero.jpg">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:type" content="article">
            <meta property="og:image" content="/img/hero.jpg">
            <meta name="robots" content="max-image-preview:large">
          </head>
        </html>
        """, safety: FixSafety.Suggestion, workspace: s_site);
}
