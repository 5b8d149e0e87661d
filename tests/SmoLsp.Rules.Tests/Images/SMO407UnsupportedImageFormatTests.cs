using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO407UnsupportedImageFormatTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/logo.svg", 1200, 630, format: ImageFormat.Svg)
        .Image("/img/card.avif", null, null, format: ImageFormat.Avif)
        .Image("/img/dance.gif", 1200, 630, format: ImageFormat.Gif, animated: true)
        .Image("/img/dance.webp", 1200, 630, format: ImageFormat.WebP, animated: true)
        .Image("/img/still.gif", 1200, 630, format: ImageFormat.Gif)
        .Image("/img/card.png", 1200, 630);

    [Theory]
    [InlineData("/img/logo.svg", DiagnosticSeverity.Warning, "wwwroot/img/logo.svg is an SVG image, which X and Facebook do not show; use a PNG or JPEG")]
    [InlineData("/img/card.avif", DiagnosticSeverity.Warning, "wwwroot/img/card.avif is an AVIF image, a format X and Facebook do not show; use a PNG or JPEG")]
    [InlineData("/img/dance.gif", DiagnosticSeverity.Info, "wwwroot/img/dance.gif is an animated GIF: X and Facebook show only its first frame")]
    [InlineData("/img/dance.webp", DiagnosticSeverity.Info, "wwwroot/img/dance.webp is an animated WebP: X and Facebook show only its first frame")]
    public void Reports_formats_cards_do_not_show_as_is(string url, DiagnosticSeverity severity, string detail)
    {
        var diagnostic = RuleVerifier.Verify<SMO407UnsupportedImageFormat>($"""
            <head><meta name="twitter:image" content="[|{url}|]"></head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(severity);
        diagnostic.Message.ShouldBe($"twitter:image '{url}': {detail}");
    }

    [Fact]
    public void Silent_for_still_images_in_supported_formats() => RuleVerifier.Verify<SMO407UnsupportedImageFormat>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image" content="/img/still.gif">
          <meta property="og:image" content="https://cdn.example.com/logo.svg">
          <meta property="og:image" content="/img/missing.svg">
        </head>
        """, workspace: s_site);
}
