using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO008OgTagWithNameTests
{
    [Fact]
    public void Reports_og_tags_written_with_name()
    {
        var diagnostics = RuleVerifier.Verify<SMO008OgTagWithName>("""
            <html>
              <head>
                <meta [|name="og:title"|] content="Acme">
                <meta [|NAME='og:image'|] content="https://acme.example/card.png">
                <meta content="article" [|name="og:type"|]>
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("og:title is written with name=, which Facebook ignores: Open Graph tags need property=\"og:title\"");
    }

    [Fact]
    public void Reports_ogp_object_namespaces_too() => RuleVerifier.Verify<SMO008OgTagWithName>("""
        <html>
          <head>
            <meta property="og:type" content="article">
            <meta [|name="article:published_time"|] content="2024-03-01">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_property_and_for_name_based_tags() => RuleVerifier.Verify<SMO008OgTagWithName>("""
        <html>
          <head>
            <meta property="og:title" content="Acme">
            <meta name="twitter:card" content="summary">
            <meta name="description" content="Widgets">
            <meta name="author" content="Ada">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_a_property_attribute_is_also_written() => RuleVerifier.Verify<SMO008OgTagWithName>("""
        @{ var key = "og:title"; }
        <meta property="@key" name="og:title" content="Acme" />
        """, "Views/Shared/_Meta.cshtml");

    [Fact]
    public void Reports_with_dynamic_content_and_in_fragments() => RuleVerifier.Verify<SMO008OgTagWithName>("""
        <meta [|name="og:title"|] content="@Model.Title" />
        <meta property="og:description" content="@Model.Summary" />
        """, "Views/Blog/_SocialTags.cshtml");

    [Fact]
    public void Fix_rewrites_the_attribute_name() => RuleVerifier.VerifyFix<SMO008OgTagWithName>("""
        <html>
          <head>
            <meta name="og:title" content="Acme">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:title" content="Acme">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_quotes_case_of_value_and_razor_content() => RuleVerifier.VerifyFix<SMO008OgTagWithName>("""
        <meta NAME='OG:Title' content="@Model.Title" />
        """, """
        <meta property='OG:Title' content="@Model.Title" />
        """, "Views/Blog/_SocialTags.cshtml", safety: FixSafety.Safe);
}
