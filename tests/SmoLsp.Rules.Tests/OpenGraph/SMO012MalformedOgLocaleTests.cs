using SmoLsp.Analysis;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO012MalformedOgLocaleTests
{
    [Fact]
    public void Reports_a_bcp47_tag_on_its_value()
    {
        var diagnostics = RuleVerifier.Verify<SMO012MalformedOgLocale>("""
            <html>
              <head>
                <meta property="og:locale" content="[|en-US|]">
                <meta property="og:locale:alternate" content="[|fr-fr|]">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("og:locale \"en-US\" is not in ogp.me's language_TERRITORY form: write \"en_US\"");
        diagnostics[1].Message.ShouldBe("og:locale:alternate \"fr-fr\" is not in ogp.me's language_TERRITORY form: write \"fr_FR\"");
    }

    [Fact]
    public void Reports_a_bare_language_without_a_fix()
    {
        var diagnostics = RuleVerifier.Verify<SMO012MalformedOgLocale>("""
            <html>
              <head>
                <meta property="og:locale" content="[|en|]">
                <meta property="og:locale:alternate" content="[|de|]">
              </head>
            </html>
            """);
        diagnostics[0].Fixes.ShouldBeEmpty();
        diagnostics[0].Message.ShouldContain("e.g. en_US");
        diagnostics[1].Message.ShouldContain("e.g. de_DE");
    }

    [Theory]
    [InlineData("english")]
    [InlineData("zh-Hans-CN")]
    [InlineData("en_US.UTF-8")]
    [InlineData("e1_US")]
    public void Reports_other_shapes_without_a_fix(string locale)
    {
        var result = RuleVerifier.EngineFor("SMO012").Analyze(TemplateDocument.FromPath("index.html", $"""<html><head><meta property="og:locale" content="{locale}"></head></html>"""));
        result.Diagnostics.ShouldHaveSingleItem().Fixes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("en_US")]
    [InlineData("en_GB")]
    [InlineData("fil_PH")]
    [InlineData(" pt_BR ")]
    public void Silent_for_language_territory(string locale) => RuleVerifier.Verify<SMO012MalformedOgLocale>($$"""
        <html><head><meta property="og:locale" content="{{locale}}"></head></html>
        """);

    [Fact]
    public void Dynamic_values_are_not_judged() => RuleVerifier.Verify<SMO012MalformedOgLocale>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:locale" content="@CultureInfo.CurrentUICulture.Name" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO012MalformedOgLocale>("""
        <meta property="og:locale" content="[|en-GB|]" />
        """, "Views/Shared/_Locale.cshtml");

    [Fact]
    public void Fix_rewrites_separator_and_case() => RuleVerifier.VerifyFix<SMO012MalformedOgLocale>("""
        <html>
          <head>
            <meta property="og:locale" content="en-us">
            <meta property="og:locale:alternate" content="de_DE">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:locale" content="en_US">
            <meta property="og:locale:alternate" content="de_DE">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_replaces_the_whole_value_and_keeps_quotes() => RuleVerifier.VerifyFix<SMO012MalformedOgLocale>("""
        <meta property="og:locale:alternate" content=' PT-br ' />
        """, """
        <meta property="og:locale:alternate" content='pt_BR' />
        """, "Views/Shared/_Locale.cshtml", safety: FixSafety.Safe);
}
