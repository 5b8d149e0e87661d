using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO403ImageDimensionsMismatchTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace().Image("/img/card.png", 1200, 630);

    [Fact]
    public void Reports_each_declared_size_that_differs_on_its_value()
    {
        var diagnostics = RuleVerifier.Verify<SMO403ImageDimensionsMismatch>("""
            <head>
              <meta property="og:image" content="/img/card.png">
              <meta property="og:image:width" content="[|1000|]">
              <meta property="og:image:height" content=" [|500|] ">
            </head>
            """, workspace: s_site);
        diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning);
        diagnostics[0].Message.ShouldBe("og:image:width is '1000' but wwwroot/img/card.png is 1200 pixels wide: Facebook lays out the card with the declared size");
        diagnostics[1].Message.ShouldBe("og:image:height is '500' but wwwroot/img/card.png is 630 pixels high: Facebook lays out the card with the declared size");
    }

    [Fact]
    public void Fix_writes_the_real_size() => RuleVerifier.VerifyFix<SMO403ImageDimensionsMismatch>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:width" content="1000">
          <meta property="og:image:height" content="630">
        </head>
        """, """
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:width" content="1200">
          <meta property="og:image:height" content="630">
        </head>
        """, safety: FixSafety.Safe, workspace: s_site);

    [Fact]
    public void A_value_that_is_not_a_whole_number_of_pixels_is_replaced() => RuleVerifier.VerifyFix<SMO403ImageDimensionsMismatch>("""
        <head>
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image:width" content="1200px" />
            <meta property="og:image:height" content="630" />
        </head>
        """, """
        <head>
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image:width" content="1200" />
            <meta property="og:image:height" content="630" />
        </head>
        """, "Pages/Shared/_Layout.cshtml", workspace: s_site);

    [Fact]
    public void Silent_when_sizes_match_are_dynamic_or_the_image_is_not_local() => RuleVerifier.Verify<SMO403ImageDimensionsMismatch>("""
        <head>
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image:width" content="1200" />
            <meta property="og:image:height" content="@Model.ImageHeight" />
            <meta property="og:image" content="https://cdn.example.com/card.png" />
            <meta property="og:image:width" content="1" />
            <meta property="og:image" content="~/img/missing.png" />
            <meta property="og:image:width" content="1" />
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image:width" content="" />
        </head>
        """, "Views/Shared/_Layout.cshtml", workspace: s_site);

    [Fact]
    public void Each_group_is_compared_with_its_own_image()
    {
        var site = new FakeWorkspace().Image("/img/card.png", 1200, 630).Image("/img/square.png", 600, 600);
        RuleVerifier.Verify<SMO403ImageDimensionsMismatch>("""
            <head>
              <meta property="og:image" content="/img/card.png">
              <meta property="og:image:width" content="1200">
              <meta property="og:image:height" content="630">
              <meta property="og:image" content="/img/square.png">
              <meta property="og:image:width" content="[|1200|]">
              <meta property="og:image:height" content="[|630|]">
            </head>
            """, workspace: site);
    }
}
