using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO109UnknownXPropertyTests
{
    [Fact]
    public void Reports_misspellings_with_the_name_meant()
    {
        var diagnostics = RuleVerifier.Verify<SMO109UnknownXProperty>("""
            <html>
              <head>
                <meta [|name="twitter:cards"|] content="summary_large_image">
                <meta [|name="twiter:site"|] content="@acme">
                <meta [|name="twitter-title"|] content="Acme">
                <meta [|name="twitter:desc"|] content="Widgets">
                <meta [|name="twitter:image:alt_text"|] content="A widget">
                <meta [|property="twitter:creater"|] content="@ada">
              </head>
            </html>
            """);
        diagnostics.Select(d => d.Message.Split(": did you mean ")[1]).ShouldBe(
            ["twitter:card?", "twitter:site?", "twitter:title?", "twitter:description?", "twitter:image:alt?", "twitter:creator?"]);
        diagnostics[0].Message.ShouldStartWith("\"twitter:cards\" is not an X card property, so X ignores this tag");
        diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning && d.Fixes.Count == 1);
    }

    [Fact]
    public void Unknown_twitter_tags_without_a_close_name_are_information()
    {
        var diagnostics = RuleVerifier.Verify<SMO109UnknownXProperty>("""
            <html>
              <head>
                <meta [|name="twitter:hashtags"|] content="anvils">
              </head>
            </html>
            """);
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostics[0].Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void Silent_for_current_and_legacy_tags_and_open_graph() => RuleVerifier.Verify<SMO109UnknownXProperty>("""
        <html>
          <head>
            <meta name="twitter:card" content="summary_large_image">
            <meta property="twitter:site" content="@acme">
            <meta name="TWITTER:Title" content="Acme">
            <meta name="twitter:image:src" content="https://acme.example/a.png">
            <meta name="twitter:label1" content="Reading time">
            <meta name="twitter:data1" content="4 minutes">
            <meta name="twitter:app:id:googleplay" content="com.acme">
            <meta name="twitter:widgets:theme" content="dark">
            <meta property="og:titel" content="Acme">
          </head>
        </html>
        """);

    [Fact]
    public void Reports_in_fragments_and_razor() => RuleVerifier.Verify<SMO109UnknownXProperty>("""
        <meta [|name="twitter:titel"|] content="@Model.Title" />
        """, "Pages/Shared/_Social.cshtml");

    [Fact]
    public void Fix_renames_and_keeps_the_attribute() => RuleVerifier.VerifyFix<SMO109UnknownXProperty>("""
        <html>
          <head>
            <meta property="twitter_card" content="summary">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta property="twitter:card" content="summary">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void The_missing_twitter_card_finding_points_at_the_misspelled_tag() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.example/card.png">
            <meta {|SMO109:[|name="twitter:crad"|]|} content="summary_large_image">
          </head>
        </html>
        """);
}
