using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO402MissingImageDimensionsTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/card.png", 1200, 630)
        .Image("/img/square.png", 800, 800)
        .Image("/img/unreadable.png", null, null, problem: "header truncated: the file ends before the IHDR chunk");

    private static readonly Analysis.Configuration.SmoLspConfiguration s_siteUrl = RuleVerifier.Config("""{ "siteUrl": "https://acme.test" }""");

    [Fact]
    public void Reports_on_the_og_image_tag_with_the_real_size()
    {
        var diagnostic = RuleVerifier.Verify<SMO402MissingImageDimensions>("""
            <html>
              <head>
                [|<meta property="og:image" content="/img/card.png">|]
              </head>
            </html>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostic.Message.ShouldBe("og:image has no og:image:width and og:image:height: the first share of this page shows no image until Facebook has fetched it; wwwroot/img/card.png is 1200x630 pixels");
        diagnostic.Fixes.Single().Title.ShouldBe("Add og:image:width and og:image:height (1200x630)");
    }

    [Fact]
    public void Fix_inserts_both_right_after_the_og_image() => RuleVerifier.VerifyFix<SMO402MissingImageDimensions>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/img/card.png">
            <meta property="og:image:alt" content="A blue widget">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/img/card.png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image:height" content="630">
            <meta property="og:image:alt" content="A blue widget">
          </head>
        </html>
        """, configuration: s_siteUrl, safety: FixSafety.Safe, workspace: s_site);

    [Fact]
    public void Fix_in_razor_keeps_the_self_closing_style() => RuleVerifier.VerifyFix<SMO402MissingImageDimensions>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="~/img/square.png" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="~/img/square.png" />
            <meta property="og:image:width" content="800" />
            <meta property="og:image:height" content="800" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", workspace: s_site);

    [Fact]
    public void Only_the_missing_one_is_inserted()
    {
        RuleVerifier.VerifyFix<SMO402MissingImageDimensions>("""
            <head>
              <meta property="og:image" content="/img/card.png">
              <meta property="og:image:width" content="1200">
            </head>
            """, """
            <head>
              <meta property="og:image" content="/img/card.png">
              <meta property="og:image:height" content="630">
              <meta property="og:image:width" content="1200">
            </head>
            """, workspace: s_site);
        RuleVerifier.Verify<SMO402MissingImageDimensions>("""
            <head>
              [|<meta property="og:image" content="/img/card.png">|]
              <meta property="og:image:height" content="630">
            </head>
            """, workspace: s_site).Single().Message.ShouldStartWith("og:image has no og:image:width: ");
    }

    [Fact]
    public void Each_og_image_is_judged_with_its_own_properties() => RuleVerifier.Verify<SMO402MissingImageDimensions>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:width" content="1200">
          <meta property="og:image:height" content="630">
          [|<meta property="og:image" content="/img/square.png">|]
        </head>
        """, workspace: s_site);

    [Fact]
    public void A_local_secure_url_stands_in_for_an_external_og_image() => RuleVerifier.VerifyFix<SMO402MissingImageDimensions>("""
        <head>
          <meta property="og:image" content="http://cdn.example.com/card.png">
          <meta property="og:image:secure_url" content="https://acme.test/img/card.png">
        </head>
        """, """
        <head>
          <meta property="og:image" content="http://cdn.example.com/card.png">
          <meta property="og:image:width" content="1200">
          <meta property="og:image:height" content="630">
          <meta property="og:image:secure_url" content="https://acme.test/img/card.png">
        </head>
        """, configuration: s_siteUrl, workspace: s_site);

    [Fact]
    public void Silent_when_the_size_is_declared_or_unknown() => RuleVerifier.Verify<SMO402MissingImageDimensions>("""
        <html>
          <head>
            <meta property="og:image" content="/img/card.png">
            <meta property="og:image:width" content="1000">
            <meta property="og:image:height" content="@Model.Height">
            <meta property="og:image" content="https://cdn.example.com/card.png">
            <meta property="og:image" content="/img/missing.png">
            <meta property="og:image" content="/img/unreadable.png">
            <meta property="og:image" content="">
            <meta name="twitter:image" content="/img/square.png">
          </head>
        </html>
        """, workspace: s_site);

    [Fact]
    public void Razor_expressions_are_not_judged() => RuleVerifier.Verify<SMO402MissingImageDimensions>("""
        <head>
            <meta property="og:image" content="@Url.Content("~/img/card.png")" />
            <meta property="og:image" content="~/img/@Model.Slug-card.png" />
        </head>
        """, "Views/Shared/_Layout.cshtml", workspace: s_site);

    [Fact]
    public void Without_a_workspace_nothing_is_known() => RuleVerifier.Verify<SMO402MissingImageDimensions>("""
        <head><meta property="og:image" content="/img/card.png"></head>
        """);

    [Fact]
    public void Partials_are_checked_too() => RuleVerifier.Verify<SMO402MissingImageDimensions>("""
        [|<meta property="og:image" content="~/img/card.png" />|]
        """, "Views/Shared/_SocialTags.cshtml", workspace: s_site);
}
