using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO105LegacyTwitterTagTests
{
    [Fact]
    public void Reports_each_legacy_tag() => RuleVerifier.Verify<SMO105LegacyTwitterTag>("""
        <html>
          <head>
            <meta name="twitter:card" content="summary_large_image">
            <meta [|name="twitter:image:src"|] content="https://acme.example/card.png">
            <meta [|name="twitter:text:title"|] content="Acme">
            <meta [|property="twitter:url"|] content="https://acme.example/">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_current_tags() => RuleVerifier.Verify<SMO105LegacyTwitterTag>("""
        <html>
          <head>
            <meta name="twitter:card" content="summary_large_image">
            <meta name="twitter:image" content="https://acme.example/card.png">
            <meta name="twitter:title" content="Acme">
            <meta property="og:url" content="https://acme.example/">
          </head>
        </html>
        """);

    [Fact]
    public void Reports_in_fragments_with_dynamic_values() => RuleVerifier.Verify<SMO105LegacyTwitterTag>("""
        <meta [|name="twitter:url"|] content="@Context.Request.Path" />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Fix_renames_image_src() => RuleVerifier.VerifyFix<SMO105LegacyTwitterTag>("""
        <html>
          <head>
            <meta name="twitter:image:src" content="https://acme.example/card.png">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta name="twitter:image" content="https://acme.example/card.png">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_removes_image_src_next_to_twitter_image() => RuleVerifier.VerifyFix<SMO105LegacyTwitterTag>("""
        <html>
          <head>
            <meta name="twitter:image" content="https://acme.example/card.png">
            <meta name="twitter:image:src" content="https://acme.example/card.png">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta name="twitter:image" content="https://acme.example/card.png">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_removes_twitter_url_line() => RuleVerifier.VerifyFix<SMO105LegacyTwitterTag>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:url" content="@Context.Request.Path" />
            <meta name="twitter:url" content="@Context.Request.Path" />
            <meta name="twitter:card" content="summary" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:url" content="@Context.Request.Path" />
            <meta name="twitter:card" content="summary" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_removes_only_the_tag_when_it_shares_a_line() => RuleVerifier.VerifyFix<SMO105LegacyTwitterTag>("""
        <head><meta name="twitter:card" content="summary"><meta name="twitter:text:title" content="Acme"></head>
        """, """
        <head><meta name="twitter:card" content="summary"></head>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_removes_a_tag_on_the_last_line() => RuleVerifier.VerifyFix<SMO105LegacyTwitterTag>(
        "<meta name=\"twitter:card\" content=\"summary\" />\n<meta name=\"twitter:url\" content=\"https://acme.example/\" />",
        "<meta name=\"twitter:card\" content=\"summary\" />",
        "Views/Shared/_SocialMeta.cshtml",
        safety: FixSafety.Safe);
}
