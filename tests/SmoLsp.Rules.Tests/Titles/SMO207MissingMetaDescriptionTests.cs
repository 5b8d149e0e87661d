using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO207MissingMetaDescriptionTests
{
    [Fact]
    public void Reports_on_head_when_no_description() => RuleVerifier.Verify<SMO207MissingMetaDescription>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Silent_with_description_static_dynamic_or_empty() => RuleVerifier.Verify<SMO207MissingMetaDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta name="description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Og_description_alone_is_not_a_meta_description() => RuleVerifier.Verify<SMO207MissingMetaDescription>("""
        <html>
          <head>
            <meta property="og:description" content="Hand-made widgets">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Silent_on_fragments_and_open_heads() => RuleVerifier.Verify<SMO207MissingMetaDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <HeadOutlet />
        </head>
        </html>
        """, "Components/App.razor");

    [Fact]
    public void Silent_on_blazor_page_component() => RuleVerifier.Verify<SMO207MissingMetaDescription>("""
        @page "/"
        <PageTitle>Acme Widgets</PageTitle>
        """, "Components/Pages/Home.razor");

    [Fact]
    public void Fix_copies_static_og_description() => RuleVerifier.VerifyFix<SMO207MissingMetaDescription>("""
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:description" content="Widgets &amp; gadgets, &quot;hand-made&quot;">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:description" content="Widgets &amp; gadgets, &quot;hand-made&quot;">
            <meta name="description" content="Widgets &amp; gadgets, &quot;hand-made&quot;">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_copies_razor_expression() => RuleVerifier.VerifyFix<SMO207MissingMetaDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
            <meta property="og:description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
            <meta property="og:description" content="@ViewData["Description"]" />
            <meta name="description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_escaped_at_signs_in_razor() => RuleVerifier.VerifyFix<SMO207MissingMetaDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:description" content="Follow @@acme for new widgets" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:description" content="Follow @@acme for new widgets" />
            <meta name="description" content="Follow @@acme for new widgets" />
        </head>
        </html>
        """, "Views/Home/Landing.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Without_og_description_offers_a_placeholder() => RuleVerifier.VerifyFix<SMO207MissingMetaDescription>("""
        <html>
          <head>
            <title>Acme Widgets</title>
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta name="description" content="TODO: page description">
          </head>
        </html>
        """, safety: FixSafety.Suggestion);
}
