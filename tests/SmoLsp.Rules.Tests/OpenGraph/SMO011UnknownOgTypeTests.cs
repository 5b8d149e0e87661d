using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO011UnknownOgTypeTests
{
    [Fact]
    public void Reports_an_unknown_type_on_its_value()
    {
        var diagnostics = RuleVerifier.Verify<SMO011UnknownOgType>("""
            <html>
              <head>
                <meta property="og:type" content="[|blog|]">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("og:type \"blog\" is not an Open Graph type consumers know: consumers treat it as website; use website, article, book, profile, a music.* or video.* type, or a custom prefix:type declared with prefix= (did you mean \"article\"?)");
    }

    [Theory]
    [InlineData("Website", "types are lower case: \"website\"")]
    [InlineData("video.tv-show", "did you mean \"video.tv_show\"?")]
    [InlineData("movie", "did you mean \"video.movie\"?")]
    [InlineData("music.single", "or video.* type")]
    [InlineData("web site", "did you mean \"website\"?")]
    public void Suggests_the_type_meant(string type, string hint)
    {
        var diagnostics = RuleVerifier.Verify<SMO011UnknownOgType>($$"""
            <html><head><meta property="og:type" content="[|{{type}}|]"></head></html>
            """);
        diagnostics[0].Message.ShouldContain(hint);
    }

    [Theory]
    [InlineData("website")]
    [InlineData("article")]
    [InlineData("book")]
    [InlineData("profile")]
    [InlineData("music.song")]
    [InlineData("music.album")]
    [InlineData("music.playlist")]
    [InlineData("music.radio_station")]
    [InlineData("video.movie")]
    [InlineData("video.episode")]
    [InlineData("video.tv_show")]
    [InlineData("video.other")]
    [InlineData("product")]
    [InlineData(" article ")]
    public void Silent_for_known_types(string type) => RuleVerifier.Verify<SMO011UnknownOgType>($$"""
        <html><head><meta property="og:type" content="{{type}}"></head></html>
        """);

    [Fact]
    public void Custom_type_with_a_declared_prefix_is_fine() => RuleVerifier.Verify<SMO011UnknownOgType>("""
        <html>
          <head prefix="og: https://ogp.me/ns# acme: https://acme.example/ns#">
            <meta property="og:type" content="acme:widget">
          </head>
        </html>
        """);

    [Fact]
    public void Custom_type_with_an_xmlns_declaration_is_fine() => RuleVerifier.Verify<SMO011UnknownOgType>("""
        <html xmlns:fb="http://ogp.me/ns/fb#">
          <head>
            <meta property="og:type" content="fb:app">
          </head>
        </html>
        """);

    [Fact]
    public void Reports_a_custom_type_whose_prefix_is_not_declared()
    {
        var diagnostics = RuleVerifier.Verify<SMO011UnknownOgType>("""
            <html prefix="og: https://ogp.me/ns#">
              <head>
                <meta property="og:type" content="[|acme:widget|]">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldContain("its prefix \"acme\" is not declared; add prefix=\"acme: <namespace URI>\" to <html> or <head>");
    }

    [Fact]
    public void Dynamic_values_are_not_judged() => RuleVerifier.Verify<SMO011UnknownOgType>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="@(ViewData["OgType"] ?? "website")" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void A_dynamic_prefix_attribute_leaves_custom_types_alone() => RuleVerifier.Verify<SMO011UnknownOgType>("""
        <!DOCTYPE html>
        <html>
        <head prefix="@ViewData["Prefixes"]">
            <meta property="og:type" content="acme:widget" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void In_fragments_plain_unknown_types_are_reported_but_custom_types_are_not() => RuleVerifier.Verify<SMO011UnknownOgType>("""
        <meta property="og:type" content="acme:widget" />
        <meta property="og:type" content="[|blogpost|]" />
        """, "Views/Blog/_SocialTags.cshtml");
}
