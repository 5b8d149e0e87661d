using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO015UnknownOgPropertyTests
{
    [Fact]
    public void Reports_misspellings_with_the_name_meant()
    {
        var diagnostics = RuleVerifier.Verify<SMO015UnknownOgProperty>("""
            <html>
              <head>
                <meta [|property="og:titel"|] content="Acme">
                <meta [|property="og:img"|] content="https://acme.example/card.png">
                <meta [|property="og:descripton"|] content="Widgets">
                <meta [|property="og: site_name"|] content="Acme">
                <meta [|property="og:image:heigth"|] content="630">
                <meta [|property="artcle:author"|] content="Ada">
                <meta [|property="og:article:section"|] content="News">
              </head>
            </html>
            """);
        diagnostics.Select(d => d.Message).ShouldBe(
        [
            "\"og:titel\" is not an Open Graph property, so crawlers ignore this tag: did you mean og:title?",
            "\"og:img\" is not an Open Graph property, so crawlers ignore this tag: did you mean og:image?",
            "\"og:descripton\" is not an Open Graph property, so crawlers ignore this tag: did you mean og:description?",
            "\"og: site_name\" is not an Open Graph property, so crawlers ignore this tag: did you mean og:site_name?",
            "\"og:image:heigth\" is not an Open Graph property, so crawlers ignore this tag: did you mean og:image:height?",
            "\"artcle:author\" is not an Open Graph property, so crawlers ignore this tag: did you mean article:author?",
            "\"og:article:section\" is not an Open Graph property, so crawlers ignore this tag: did you mean article:section?",
        ]);
        diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning && d.Fixes.Count == 1);
    }

    [Fact]
    public void Reports_other_separators_and_name_attributes()
    {
        var diagnostics = RuleVerifier.Verify<SMO015UnknownOgProperty>("""
            <html>
              <head>
                <meta [|name="og-description"|] content="Widgets">
                <meta [|name="og_image_width"|] content="1200">
                <meta [|property="fb:appid"|] content="123">
                <meta [|name="fediverse-creator"|] content="@ada@mastodon.social">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldEndWith("did you mean property=\"og:description\"?");
        diagnostics[3].Message.ShouldEndWith("did you mean fediverse:creator?");
    }

    [Fact]
    public void Unknown_og_properties_without_a_close_name_are_information()
    {
        var diagnostics = RuleVerifier.Verify<SMO015UnknownOgProperty>("""
            <html>
              <head>
                <meta [|property="og:keywords"|] content="anvils, rockets">
              </head>
            </html>
            """);
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostics[0].Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void Ambiguous_names_list_the_candidates_without_a_fix()
    {
        var diagnostics = RuleVerifier.Verify<SMO015UnknownOgProperty>("""
            <html>
              <head>
                <meta [|property="og:video:secure"|] content="https://acme.example/v.mp4">
                <meta [|property="og:image:urls"|] content="https://acme.example/a.png">
              </head>
            </html>
            """);
        diagnostics.ShouldContain(d => d.Fixes.Count == 0 && d.Message.Contains(" or ", StringComparison.Ordinal));
    }

    [Fact]
    public void Silent_for_known_properties_declared_namespaces_and_other_vocabularies() => RuleVerifier.Verify<SMO015UnknownOgProperty>("""
        <html prefix="og: https://ogp.me/ns# myshop: https://acme.example/ns#">
          <head>
            <meta property="og:title" content="Acme">
            <meta property="OG:Image" content="https://acme.example/card.png">
            <meta property="og:image:secure_url" content="https://acme.example/card.png">
            <meta property="og:locale:alternate" content="fr_FR">
            <meta property="article:published_time" content="2024-03-01">
            <meta property="fb:app_id" content="123">
            <meta property="al:ios:app_store_id" content="12345">
            <meta property="product:price:amount" content="9.99">
            <meta property="product:shipping_class" content="heavy">
            <meta property="books:rating:value" content="4">
            <meta property="myshop:stock" content="12">
            <meta name="fediverse:creator" content="@ada@mastodon.social">
            <meta name="twitter:cards" content="summary">
            <meta name="title" content="Acme">
            <meta name="description" content="Widgets">
            <meta name="apple-mobile-web-app-title" content="Acme">
            <meta name="msapplication-TileColor" content="#fff">
            <meta name="docsearch:version" content="2.0">
            <meta name="google-site-verification" content="abc">
            <meta property="ia:markup_url" content="https://acme.example/ia.html">
          </head>
        </html>
        """);

    [Fact]
    public void A_namespace_declared_by_razor_code_is_not_judged() => RuleVerifier.Verify<SMO015UnknownOgProperty>("""
        <html prefix="@Model.Prefixes">
          <head>
            <meta property="bok:author" content="Ada" />
            <meta [|property="og:titel"|] content="Acme" />
          </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO015UnknownOgProperty>("""
        <meta [|property="og:titel"|] content="@Model.Title" />
        """, "Views/Blog/_SocialTags.cshtml");

    [Fact]
    public void Fix_renames_the_property() => RuleVerifier.VerifyFix<SMO015UnknownOgProperty>("""
        <html>
          <head>
            <meta property="og:titel" content="Acme">
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
    public void Fix_writes_property_for_an_og_name_written_with_name() => RuleVerifier.VerifyFix<SMO015UnknownOgProperty>("""
        <meta name='og-description' content="@Model.Summary" />
        """, """
        <meta property='og:description' content="@Model.Summary" />
        """, "Views/Blog/_SocialTags.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_name_for_fediverse_creator() => RuleVerifier.VerifyFix<SMO015UnknownOgProperty>("""
        <meta name="fediverse-creator" content="@ada@mastodon.social">
        """, """
        <meta name="fediverse:creator" content="@ada@mastodon.social">
        """);

    [Fact]
    public void The_missing_og_title_finding_points_at_the_misspelled_tag() => RuleVerifier.Verify<SMO001MissingOgTitle>("""
        <html>
          <head>
            <title>Acme</title>
            <meta {|SMO015:[|property="og:titel"|]|} content="Acme">
          </head>
        </html>
        """);

    [Fact]
    public void Every_missing_tag_rule_points_at_its_misspelling()
    {
        RuleVerifier.Verify<SMO002MissingOgDescription>("""<html><head><meta [|name="og-description"|] content="x"></head></html>""");
        RuleVerifier.Verify<SMO003MissingOgImage>("""<html><head><meta [|property="og:imgae"|] content="https://acme.example/a.png"></head></html>""");
        RuleVerifier.Verify<SMO004MissingOgUrl>("""<html><head><meta [|property="og:ulr"|] content="https://acme.example/"></head></html>""");
        RuleVerifier.Verify<SMO005MissingOgType>("""<html><head><meta [|property="og:tpye"|] content="website"></head></html>""");
        RuleVerifier.Verify<SMO006MissingOgSiteName>("""<html><head><meta [|property="og:sitename"|] content="Acme"></head></html>""");
    }

    [Fact]
    public void The_known_names_stay_distinct_when_separators_are_ignored()
    {
        var names = PropertyNames.All.ToList();
        names.Select(PropertyNames.Strip).Distinct(StringComparer.Ordinal).Count().ShouldBe(names.Count);
        names.ShouldAllBe(n => PropertyNames.Check(n) == null);
    }
}
