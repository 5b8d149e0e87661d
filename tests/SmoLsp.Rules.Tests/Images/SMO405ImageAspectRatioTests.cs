using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO405ImageAspectRatioTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/card.png", 1200, 630)
        .Image("/img/wide.png", 1500, 750)
        .Image("/img/square.png", 1000, 1000)
        .Image("/img/banner.png", 1600, 400);

    [Fact]
    public void Open_graph_images_should_be_close_to_1_91_to_1()
    {
        var diagnostic = RuleVerifier.Verify<SMO405ImageAspectRatio>("""
            <head><meta property="og:image" content="[|/img/square.png|]"></head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostic.Message.ShouldBe("og:image '/img/square.png': wwwroot/img/square.png is 1000x1000 pixels (1:1); Facebook and LinkedIn show 1.91:1 and crop the rest");
    }

    [Fact]
    public void Within_ten_percent_is_fine_for_Facebook_and_the_large_X_card() => RuleVerifier.Verify<SMO405ImageAspectRatio>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image" content="/img/wide.png">
          <meta name="twitter:card" content="summary_large_image">
        </head>
        """, workspace: s_site);

    [Fact]
    public void X_summary_card_shows_the_og_image_square()
    {
        RuleVerifier.Verify<SMO405ImageAspectRatio>("""
            <head>
              <meta property="og:image" content="[|/img/card.png|]">
              <meta name="twitter:card" content="summary">
            </head>
            """, workspace: s_site).Single().Message.ShouldBe("og:image '/img/card.png': wwwroot/img/card.png is 1200x630 pixels (1.9:1); X's summary card shows it square (1:1)");
    }

    [Fact]
    public void A_square_twitter_image_suits_the_summary_card() => RuleVerifier.Verify<SMO405ImageAspectRatio>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta name="twitter:card" content="summary">
          <meta name="twitter:image" content="/img/square.png">
        </head>
        """, workspace: s_site);

    [Fact]
    public void Both_platforms_are_named_when_both_crop() => RuleVerifier.Verify<SMO405ImageAspectRatio>("""
        <head>
          <meta name="twitter:card" content="summary_large_image">
          <meta property="og:image" content="[|/img/banner.png|]">
        </head>
        """, workspace: s_site).Single().Message.ShouldEndWith("(4:1); Facebook and LinkedIn show 1.91:1 and crop the rest; X's summary_large_image card shows 2:1");

    [Fact]
    public void A_host_that_reports_a_zero_side_is_not_divided_by() => RuleVerifier.Verify<SMO405ImageAspectRatio>("""
        <head><meta property="og:image" content="/img/flat.png"></head>
        """, workspace: new FakeWorkspace().Image("/img/flat.png", 1200, 0));

    [Fact]
    public void Tolerance_is_configurable() => RuleVerifier.Verify<SMO405ImageAspectRatio>("""
        <head><meta property="og:image" content="[|/img/wide.png|]"></head>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO405": { "tolerance": 0.02 } } }"""), workspace: s_site);
}
