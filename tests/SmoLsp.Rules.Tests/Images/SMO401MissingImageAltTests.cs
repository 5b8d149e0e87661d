using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO401MissingImageAltTests
{
    [Fact]
    public void Reports_og_image_without_alt_on_the_tag()
    {
        var diagnostic = RuleVerifier.Verify<SMO401MissingImageAlt>("""
            <html>
              <head>
                [|<meta property="og:image" content="https://acme.test/card.png">|]
                <meta property="og:image:width" content="1200">
              </head>
            </html>
            """).Single();
        diagnostic.Message.ShouldBe("og:image has no og:image:alt: people using screen readers get no description of the card image; describe what the image shows");
    }

    [Fact]
    public void Silent_when_each_image_has_its_alt() => RuleVerifier.Verify<SMO401MissingImageAlt>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/one.png">
            <meta property="og:image:alt" content="A blue widget on a desk">
            <meta property="og:image" content="https://acme.test/two.png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image:alt" content="The widget, boxed">
            <meta name="twitter:image" content="https://acme.test/one.png">
          </head>
        </html>
        """);

    [Fact]
    public void Each_og_image_needs_its_own_alt() => RuleVerifier.Verify<SMO401MissingImageAlt>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/one.png">
            <meta property="og:image:alt" content="A blue widget on a desk">
            [|<meta property="og:image" content="https://acme.test/two.png">|]
          </head>
        </html>
        """);

    [Fact]
    public void Twitter_image_needs_twitter_or_og_alt()
    {
        RuleVerifier.Verify<SMO401MissingImageAlt>("""
            <html>
              <head>
                [|<meta name="twitter:image" content="https://acme.test/card.png">|]
              </head>
            </html>
            """).Single().Message.ShouldContain("twitter:image has no twitter:image:alt (nor an og:image:alt to fall back on)");
        RuleVerifier.Verify<SMO401MissingImageAlt>("""
            <html>
              <head>
                <meta name="twitter:image" content="https://acme.test/card.png">
                <meta name="twitter:image:alt" content="A blue widget">
              </head>
            </html>
            """);
    }

    [Fact]
    public void Dynamic_image_still_needs_alt_and_dynamic_alt_counts() => RuleVerifier.Verify<SMO401MissingImageAlt>("""
        <html><head>
            [|<meta property="og:image" content="@Model.ImageUrl" />|]
            <meta name="twitter:image" content="@Model.ImageUrl" />
            <meta property="og:image" content="@Model.SecondImage" />
            <meta property="og:image:alt" content="@Model.SecondImageAlt" />
        </head></html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Empty_image_is_left_to_SMO007() => RuleVerifier.Verify<SMO401MissingImageAlt>("""
        <html><head><meta property="og:image" content=""><meta name="twitter:image"></head></html>
        """);

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO401MissingImageAlt>("""
        <HeadContent>
            [|<meta property="og:image" content="https://acme.test/card.png" />|]
        </HeadContent>
        """, "Pages/Widgets.razor");

    [Fact]
    public void Fix_inserts_a_placeholder_alt_right_after_the_image() => RuleVerifier.VerifyFix<SMO401MissingImageAlt>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/card.png">
            <meta property="og:image:width" content="1200">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/card.png">
            <meta property="og:image:alt" content="TODO: describe the image">
            <meta property="og:image:width" content="1200">
          </head>
        </html>
        """, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_keeps_the_self_closing_style_and_tab_indentation() => RuleVerifier.VerifyFix<SMO401MissingImageAlt>("""
        <html>
        <head>
        	@if (Model.Image is not null)
        	{
        		<meta property="og:image" content="@Model.Image" />
        	}
        </head>
        </html>
        """, """
        <html>
        <head>
        	@if (Model.Image is not null)
        	{
        		<meta property="og:image" content="@Model.Image" />
        		<meta property="og:image:alt" content="TODO: describe the image" />
        	}
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_for_twitter_image_inserts_twitter_image_alt() => RuleVerifier.VerifyFix<SMO401MissingImageAlt>("""
        <head>
            <meta name="twitter:image" content="https://acme.test/card.png" />
        </head>
        """, """
        <head>
            <meta name="twitter:image" content="https://acme.test/card.png" />
            <meta name="twitter:image:alt" content="TODO: describe the image" />
        </head>
        """, safety: FixSafety.Suggestion);
}
