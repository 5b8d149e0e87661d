using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO103TwitterTagWithPropertyTests
{
    [Fact]
    public void Reports_each_twitter_tag_written_with_property() => RuleVerifier.Verify<SMO103TwitterTagWithProperty>("""
        <html>
          <head>
            <meta [|property="twitter:card"|] content="summary_large_image">
            <meta [|PROPERTY="twitter:site"|] content="@acme">
            <meta property="og:title" content="Acme">
            <meta name="twitter:title" content="Acme">
          </head>
        </html>
        """);

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO103TwitterTagWithProperty>("""
        <meta [|property="twitter:title"|] content="@Model.Title" />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Silent_for_name_and_dynamic_keys() => RuleVerifier.Verify<SMO103TwitterTagWithProperty>("""
        <meta name="twitter:card" content="summary" />
        <meta property="@Model.Key" content="x" />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Message_names_the_tag()
    {
        var diagnostic = RuleVerifier.Verify<SMO103TwitterTagWithProperty>("""
            <meta [|property="twitter:card"|] content="summary">
            """).Single();
        diagnostic.Message.ShouldContain("twitter:card");
        diagnostic.Message.ShouldContain("name=");
    }

    [Fact]
    public void Fix_renames_the_attribute() => RuleVerifier.VerifyFix<SMO103TwitterTagWithProperty>("""
        <html>
          <head>
            <meta property="twitter:card" content="summary_large_image">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta name="twitter:card" content="summary_large_image">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_razor_value() => RuleVerifier.VerifyFix<SMO103TwitterTagWithProperty>("""
        <meta property="twitter:title" content="@ViewData["Title"]" />
        """, """
        <meta name="twitter:title" content="@ViewData["Title"]" />
        """, "Views/Shared/_SocialMeta.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void No_fix_when_the_tag_also_has_name()
    {
        var diagnostic = RuleVerifier.Verify<SMO103TwitterTagWithProperty>("""
            <meta [|property="twitter:card"|] name="card" content="summary">
            """).Single();
        diagnostic.Fixes.ShouldBeEmpty();
    }
}
