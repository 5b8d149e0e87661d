using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO308UnencodedShareUrlTests
{
    [Fact]
    public void Spaces_are_warnings_and_non_ascii_information()
    {
        var diagnostics = RuleVerifier.Verify<SMO308UnencodedShareUrl>("""
            <html>
              <head>
                <meta property="og:image" content="[|https://acme.test/img/share card.png|]">
                <meta property="og:url" content="[|https://acme.test/blog/café|]">
                <link rel="canonical" href="[|https://acme.test/blog/café|]">
                <meta name="twitter:image" content="[|/img/my card.png|]">
              </head>
            </html>
            """);
        diagnostics.Select(d => d.Severity).ShouldBe([DiagnosticSeverity.Warning, DiagnosticSeverity.Info, DiagnosticSeverity.Info, DiagnosticSeverity.Warning]);
        diagnostics[0].Message.ShouldStartWith("og:image 'https://acme.test/img/share card.png' has a space");
    }

    [Fact]
    public void Silent_for_encoded_urls_hosts_and_other_tags() => RuleVerifier.Verify<SMO308UnencodedShareUrl>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/img/share%20card.png">
            <meta property="og:url" content="https://bücher.example/">
            <meta property="og:title" content="Café menu">
            <a href="/my page.html">x</a>
          </head>
        </html>
        """);

    [Fact]
    public void Razor_values_are_judged_by_their_literal_start_without_a_fix()
    {
        var diagnostics = RuleVerifier.Verify<SMO308UnencodedShareUrl>("""
            <meta property="og:image" content="[|https://acme.test/img/share card-@Model.Id|]" />
            <meta property="og:image" content="https://acme.test/img/@Model.Name.png" />
            """, "Views/Shared/_SocialTags.cshtml");
        diagnostics[0].Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void Fix_percent_encodes_spaces_and_utf8() => RuleVerifier.VerifyFix<SMO308UnencodedShareUrl>("""
        <head>
          <meta property="og:url" content="https://acme.test/blog/crème brûlée?q=a b#ça">
        </head>
        """, """
        <head>
          <meta property="og:url" content="https://acme.test/blog/cr%C3%A8me%20br%C3%BBl%C3%A9e?q=a%20b#%C3%A7a">
        </head>
        """, safety: FixSafety.Safe);
}
