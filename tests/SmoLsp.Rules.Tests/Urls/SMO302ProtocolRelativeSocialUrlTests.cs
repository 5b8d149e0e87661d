using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO302ProtocolRelativeSocialUrlTests
{
    [Fact]
    public void Reports_protocol_relative_urls_in_social_tags()
    {
        var diagnostics = RuleVerifier.Verify<SMO302ProtocolRelativeSocialUrl>("""
            <html>
              <head>
                <meta property="og:image" content="[|//cdn.acme.test/card.png|]">
                <meta name="twitter:image" content=" [|//cdn.acme.test/card.png|]">
                <meta property="article:author" content="[|//acme.test/team/jane|]">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("og:image is protocol-relative ('//cdn.acme.test/card.png'): crawlers have no page scheme to borrow; write https://cdn.acme.test/card.png");
    }

    [Fact]
    public void Silent_for_absolute_and_relative_urls_and_other_metas() => RuleVerifier.Verify<SMO302ProtocolRelativeSocialUrl>("""
        <html>
          <head>
            <meta property="og:image" content="https://cdn.acme.test/card.png">
            <meta property="og:url" content="/widgets">
            <meta name="description" content="//not a social tag">
            <link rel="stylesheet" href="//cdn.acme.test/site.css">
          </head>
        </html>
        """);

    [Fact]
    public void Razor_value_with_a_protocol_relative_literal_start_is_reported() => RuleVerifier.Verify<SMO302ProtocolRelativeSocialUrl>("""
        <html><head>
            <meta property="og:image" content="[|//cdn.acme.test/@Model.Image|]" />
            <meta name="twitter:image" content="@Model.CdnUrl" />
        </head></html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO302ProtocolRelativeSocialUrl>("""
        <meta property="og:image" content="[|//cdn.acme.test/card.png|]" />
        """, "Components/SocialTags.razor");

    [Fact]
    public void Fix_prefixes_https() => RuleVerifier.VerifyFix<SMO302ProtocolRelativeSocialUrl>("""
        <head>
          <meta property="og:image" content="//cdn.acme.test/card.png">
        </head>
        """, """
        <head>
          <meta property="og:image" content="https://cdn.acme.test/card.png">
        </head>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_razor_code() => RuleVerifier.VerifyFix<SMO302ProtocolRelativeSocialUrl>("""
        <html><head>
            <meta name="twitter:image" content="//cdn.acme.test/@Model.Image" />
        </head></html>
        """, """
        <html><head>
            <meta name="twitter:image" content="https://cdn.acme.test/@Model.Image" />
        </head></html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);
}
