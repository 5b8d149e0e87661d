using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO102InvalidTwitterCardTypeTests
{
    [Theory]
    [InlineData("summary-large-image")]
    [InlineData("large")]
    [InlineData("photo")]
    [InlineData("Summary")]
    [InlineData("summary_large_image ;")]
    public void Reports_unknown_types(string value) => RuleVerifier.Verify<SMO102InvalidTwitterCardType>($$"""
        <html>
          <head>
            <meta name="twitter:card" [|content="{{value}}"|]>
          </head>
        </html>
        """);

    [Theory]
    [InlineData("summary")]
    [InlineData("summary_large_image")]
    [InlineData("app")]
    [InlineData("player")]
    [InlineData(" summary_large_image ")]
    public void Silent_for_documented_types(string value) => RuleVerifier.Verify<SMO102InvalidTwitterCardType>($$"""
        <html>
          <head>
            <meta name="twitter:card" content="{{value}}">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_dynamic_and_empty_values() => RuleVerifier.Verify<SMO102InvalidTwitterCardType>("""
        <meta name="twitter:card" content="@Model.CardType" />
        <meta name="twitter:card" content="" />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Reports_in_fragments_and_property_form() => RuleVerifier.Verify<SMO102InvalidTwitterCardType>("""
        <meta property="twitter:card" [|content="gallery"|] />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Message_suggests_the_close_match()
    {
        var diagnostic = RuleVerifier.Verify<SMO102InvalidTwitterCardType>("""
            <meta name="twitter:card" [|content="summary-large-image"|]>
            """).Single();
        diagnostic.Message.ShouldContain("\"summary-large-image\"");
        diagnostic.Message.ShouldContain("did you mean summary_large_image?");
    }

    [Fact]
    public void No_fix_without_a_close_match()
    {
        var diagnostic = RuleVerifier.Verify<SMO102InvalidTwitterCardType>("""
            <meta name="twitter:card" [|content="photo"|]>
            """).Single();
        diagnostic.Fixes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("summary-large-image", "summary_large_image")]
    [InlineData("Summary Large Image", "summary_large_image")]
    [InlineData("SUMMARY", "summary")]
    [InlineData("sumary", "summary")]
    [InlineData("summary_large_img", "summary_large_image")]
    [InlineData("apps", "app")]
    [InlineData("players", "player")]
    public void Fix_rewrites_close_matches(string value, string expected) => RuleVerifier.VerifyFix<SMO102InvalidTwitterCardType>($$"""
        <html>
          <head>
            <meta name="twitter:card" content="{{value}}">
          </head>
        </html>
        """, $$"""
        <html>
          <head>
            <meta name="twitter:card" content="{{expected}}">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_single_quotes() => RuleVerifier.VerifyFix<SMO102InvalidTwitterCardType>("""
        <meta name='twitter:card' content='summary-large-image' />
        """, """
        <meta name='twitter:card' content='summary_large_image' />
        """, "Views/Shared/_SocialMeta.cshtml", safety: FixSafety.Safe);
}
