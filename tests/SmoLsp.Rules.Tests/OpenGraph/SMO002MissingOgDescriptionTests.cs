using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO002MissingOgDescriptionTests
{
    [Fact]
    public void Reports_on_head_when_no_og_description() => RuleVerifier.Verify<SMO002MissingOgDescription>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:title" content="Acme Widgets">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Meta_description_alone_is_not_enough() => RuleVerifier.Verify<SMO002MissingOgDescription>("""
        <html>
          <head>
            <meta name="description" content="Hand-made widgets since 1999.">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Silent_when_og_description_present() => RuleVerifier.Verify<SMO002MissingOgDescription>("""
        <html>
          <head>
            <meta property="og:description" content="Hand-made widgets since 1999.">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_description_is_dynamic() => RuleVerifier.Verify<SMO002MissingOgDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO002MissingOgDescription>("""
        <div class="card"><p>@Model.Summary</p></div>
        """, "Views/Shared/_Card.cshtml");

    [Fact]
    public void Fix_copies_static_meta_description() => RuleVerifier.VerifyFix<SMO002MissingOgDescription>("""
        <html>
          <head>
            <title>Acme</title>
            <meta name="description" content="Widgets &amp; gadgets, &quot;hand-made&quot;.">
            <meta property="og:title" content="Acme">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme</title>
            <meta name="description" content="Widgets &amp; gadgets, &quot;hand-made&quot;.">
            <meta property="og:title" content="Acme">
            <meta property="og:description" content="Widgets &amp; gadgets, &quot;hand-made&quot;.">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_copies_razor_meta_description() => RuleVerifier.VerifyFix<SMO002MissingOgDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"]</title>
            <meta name="description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"]</title>
            <meta property="og:description" content="@ViewData["Description"]" />
            <meta name="description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Empty_meta_description_gives_a_placeholder_suggestion() => RuleVerifier.VerifyFix<SMO002MissingOgDescription>("""
        <html>
          <head>
            <meta name="description" content="">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta name="description" content="">
            <meta property="og:description" content="TODO: one- or two-sentence summary of the page">
          </head>
        </html>
        """, safety: FixSafety.Suggestion);

    [Fact]
    public void Without_meta_description_offers_a_placeholder_suggestion() => RuleVerifier.VerifyFix<SMO002MissingOgDescription>("""
        <html>
        <head>
        <title>Acme</title>
        </head>
        </html>
        """, """
        <html>
        <head>
        <title>Acme</title>
        <meta property="og:description" content="TODO: one- or two-sentence summary of the page">
        </head>
        </html>
        """, safety: FixSafety.Suggestion);
}
