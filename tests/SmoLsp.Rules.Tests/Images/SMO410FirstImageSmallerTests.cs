using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO410FirstImageSmallerTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/logo.png", 200, 200)
        .Image("/img/card.png", 1200, 630)
        .Image("/img/tall.png", 300, 900);

    [Fact]
    public void Reports_a_small_first_image_before_a_large_one()
    {
        var diagnostics = RuleVerifier.Verify<SMO410FirstImageSmaller>("""
            <head>
              [|<meta property="og:image" content="/img/logo.png">|]
              <meta property="og:image" content="/img/card.png">
            </head>
            """, workspace: s_site);
        diagnostics[0].Message.ShouldBe("The first og:image is 200x200, smaller than the 1200x630 og:image on line 3: platforms show the first, so shares get the small picture; put the large image first");
        diagnostics[0].RelatedLocations.ShouldHaveSingleItem();
    }

    [Fact]
    public void Uses_declared_sizes_of_remote_images() => RuleVerifier.Verify<SMO410FirstImageSmaller>("""
        <head>
          [|<meta property="og:image" content="https://cdn.example/thumb.jpg">|]
          <meta property="og:image:width" content="400">
          <meta property="og:image:height" content="210">
          <meta property="og:image" content="https://cdn.example/large.jpg">
          <meta property="og:image:width" content="1200">
          <meta property="og:image:height" content="630">
        </head>
        """);

    [Fact]
    public void Silent_when_the_first_is_largest_incomparable_or_unknown() => RuleVerifier.Verify<SMO410FirstImageSmaller>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image" content="/img/logo.png">
          <meta property="og:image" content="/img/tall.png">
          <meta property="og:image" content="https://cdn.example/unknown.jpg">
        </head>
        """, workspace: s_site);

    [Fact]
    public void Alternatives_in_razor_branches_are_not_compared() => RuleVerifier.Verify<SMO410FirstImageSmaller>("""
        <head>
            @if (Model.HasPhoto)
            {
                <meta property="og:image" content="~/img/logo.png" />
            }
            else
            {
                <meta property="og:image" content="~/img/card.png" />
            }
        </head>
        """, "Pages/Index.cshtml", workspace: s_site);

    [Fact]
    public void Square_first_image_is_not_reported_against_an_incomparable_one() => RuleVerifier.Verify<SMO410FirstImageSmaller>("""
        <head>
          <meta property="og:image" content="/img/tall.png">
          <meta property="og:image" content="/img/card.png">
        </head>
        """, workspace: s_site);
}
