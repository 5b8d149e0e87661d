using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO404ImageTooSmallTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/tiny.png", 150, 150)
        .Image("/img/small.jpg", 500, 262, format: Analysis.Workspace.ImageFormat.Jpeg)
        .Image("/img/medium.png", 1000, 525)
        .Image("/img/card.png", 1200, 630)
        .Image("/img/square.png", 280, 280)
        .Image("/img/icon.png", 120, 120)
        .Image("/img/cut.jpg", null, null, format: Analysis.Workspace.ImageFormat.Jpeg, problem: "header truncated: the file ends before the frame header (SOF) that holds the size")
        .Image("/img/logo.svg", null, null, format: Analysis.Workspace.ImageFormat.Svg);

    [Theory]
    [InlineData("/img/tiny.png", DiagnosticSeverity.Error, "og:image '/img/tiny.png': wwwroot/img/tiny.png is 150x150 pixels, below Facebook's minimum of 200x200: the Sharing Debugger rejects it")]
    [InlineData("/img/small.jpg", DiagnosticSeverity.Warning, "og:image '/img/small.jpg': wwwroot/img/small.jpg is 500x262 pixels, below 600x315: Facebook shows a small thumbnail instead of a large card")]
    [InlineData("/img/medium.png", DiagnosticSeverity.Info, "og:image '/img/medium.png': wwwroot/img/medium.png is 1000x525 pixels, below the 1200x630 Facebook recommends for high-resolution screens")]
    public void Grades_open_graph_images_by_Facebook_guidance(string url, DiagnosticSeverity severity, string message)
    {
        var diagnostic = RuleVerifier.Verify<SMO404ImageTooSmall>($"""
            <head>
              <meta property="og:image" content="[|{url}|]">
            </head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(severity);
        diagnostic.Message.ShouldBe(message);
    }

    [Fact]
    public void Silent_for_a_recommended_size_external_dynamic_or_unsized_svg() => RuleVerifier.Verify<SMO404ImageTooSmall>("""
        <head>
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image" content="https://cdn.example.com/tiny.png" />
            <meta property="og:image" content="@Model.Image" />
            <meta property="og:image" content="~/img/logo.svg" />
            <meta property="og:image" content="~/img/missing.png" />
        </head>
        """, "Views/Shared/_Layout.cshtml", workspace: s_site);

    [Fact]
    public void X_large_card_needs_300x157()
    {
        var diagnostic = RuleVerifier.Verify<SMO404ImageTooSmall>("""
            <head>
              <meta property="og:image" content="/img/card.png">
              <meta name="twitter:card" content="summary_large_image">
              <meta name="twitter:image" content="[|/img/square.png|]">
            </head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Message.ShouldBe("twitter:image '/img/square.png': wwwroot/img/square.png is 280x280 pixels, below X's minimum of 300x157 for summary_large_image cards: X shows the card without it");
    }

    [Fact]
    public void X_falls_back_to_og_image_and_the_worst_finding_wins()
    {
        var diagnostic = RuleVerifier.Verify<SMO404ImageTooSmall>("""
            <head>
              <meta name="twitter:card" content="summary_large_image">
              <meta property="og:image" content="[|/img/square.png|]">
            </head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error, "X's error outranks Facebook's warning");
        diagnostic.Message.ShouldContain("X's minimum of 300x157");
    }

    [Fact]
    public void X_summary_card_needs_144x144() => RuleVerifier.Verify<SMO404ImageTooSmall>("""
        <head>
          <meta name="twitter:card" content="summary">
          <meta name="twitter:image" content="[|/img/icon.png|]">
        </head>
        """, workspace: s_site).Single().Message.ShouldContain("below X's minimum of 144x144 for summary cards");

    [Fact]
    public void A_twitter_image_without_a_card_type_is_not_judged_by_Facebook_sizes() => RuleVerifier.Verify<SMO404ImageTooSmall>("""
        <head>
          <meta name="twitter:image" content="/img/square.png">
        </head>
        """, workspace: s_site);

    [Fact]
    public void One_file_is_reported_once_on_its_first_tag() => RuleVerifier.Verify<SMO404ImageTooSmall>("""
        <head>
          <meta property="og:image" content="[|https://acme.test/img/tiny.png|]">
          <meta property="og:image:secure_url" content="https://acme.test/img/tiny.png">
          <meta name="twitter:image" content="/img/tiny.png">
        </head>
        """, configuration: RuleVerifier.Config("""{ "siteUrl": "https://acme.test" }"""), workspace: s_site);

    [Fact]
    public void A_raster_image_whose_size_cannot_be_read_is_a_warning()
    {
        var diagnostic = RuleVerifier.Verify<SMO404ImageTooSmall>("""
            <head><meta property="og:image" content="[|/img/cut.jpg|]"></head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostic.Message.ShouldBe("og:image '/img/cut.jpg': the size of wwwroot/img/cut.jpg cannot be read (header truncated: the file ends before the frame header (SOF) that holds the size)");
    }

    [Fact]
    public void Thresholds_are_configurable() => RuleVerifier.Verify<SMO404ImageTooSmall>("""
        <head><meta property="og:image" content="/img/medium.png"></head>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO404": { "recommendedWidth": 1000, "recommendedHeight": 500 } } }"""), workspace: s_site);
}
