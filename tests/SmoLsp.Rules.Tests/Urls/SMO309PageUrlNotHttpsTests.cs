using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO309PageUrlNotHttpsTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_https = RuleVerifier.Config("""{ "siteUrl": "https://acme.test" }""");

    [Fact]
    public void Reports_http_og_url_and_canonical_on_the_https_sites_host() => RuleVerifier.Verify<SMO309PageUrlNotHttps>("""
        <html>
          <head>
            <meta property="og:url" content="[|http://acme.test/about|]">
            <link rel="canonical" href="[|http://www.acme.test/about|]">
          </head>
        </html>
        """, configuration: s_https);

    [Fact]
    public void Silent_without_an_https_site_url() => RuleVerifier.Verify<SMO309PageUrlNotHttps>("""
        <html><head><meta property="og:url" content="http://acme.test/about"></head></html>
        """, configuration: RuleVerifier.Config("""{ "siteUrl": "http://acme.test" }"""));

    [Fact]
    public void Silent_for_other_hosts_media_and_https() => RuleVerifier.Verify<SMO309PageUrlNotHttps>("""
        <html>
          <head>
            <meta property="og:url" content="http://shop.example/anvil">
            <meta property="og:url" content="https://acme.test/about">
            <meta property="og:image" content="http://acme.test/img/card.png">
          </head>
        </html>
        """, configuration: s_https);

    [Fact]
    public void Razor_values_are_judged_by_their_literal_start() => RuleVerifier.Verify<SMO309PageUrlNotHttps>("""
        <meta property="og:url" content="[|http://acme.test/blog/@Model.Slug|]" />
        <meta property="og:url" content="@Model.Url" />
        """, "Views/Shared/_SocialTags.cshtml", configuration: s_https);

    [Fact]
    public void Fix_writes_https() => RuleVerifier.VerifyFix<SMO309PageUrlNotHttps>("""
        <head>
          <meta property="og:url" content="http://acme.test/about">
        </head>
        """, """
        <head>
          <meta property="og:url" content="https://acme.test/about">
        </head>
        """, configuration: s_https, safety: FixSafety.Safe);
}
