using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO303InsecureOgImageTests
{
    [Fact]
    public void Reports_http_og_image_without_secure_url() => RuleVerifier.Verify<SMO303InsecureOgImage>("""
        <html>
          <head>
            <meta property="og:image" content="[|http://acme.test/img/card.png|]">
            <meta property="og:image:width" content="1200">
          </head>
        </html>
        """);

    [Fact]
    public void Secure_url_belongs_to_the_image_before_it() => RuleVerifier.Verify<SMO303InsecureOgImage>("""
        <html>
          <head>
            <meta property="og:image" content="http://acme.test/img/one.png">
            <meta property="og:image:secure_url" content="https://acme.test/img/one.png">
            <meta property="og:image" content="[|HTTP://acme.test/img/two.png|]">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_https_relative_and_twitter_images() => RuleVerifier.Verify<SMO303InsecureOgImage>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.test/img/card.png">
            <meta property="og:image" content="/img/card.png">
            <meta name="twitter:image" content="http://acme.test/img/card.png">
          </head>
        </html>
        """);

    [Fact]
    public void Razor_expressions_are_judged_by_their_literal_start() => RuleVerifier.Verify<SMO303InsecureOgImage>("""
        <html><head>
            <meta property="og:image" content="[|http://acme.test/img/@Model.Image|]" />
            <meta property="og:image" content="@Model.ImageUrl" />
        </head></html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO303InsecureOgImage>("""
        <meta property="og:image" content="[|http://acme.test/img/card.png|]" />
        """, "Views/Shared/_SocialTags.cshtml");

    [Fact]
    public void Fix_is_safe_on_the_sites_own_https_host() => RuleVerifier.VerifyFix<SMO303InsecureOgImage>("""
        <head>
          <meta property="og:image" content="http://acme.test/img/card.png">
        </head>
        """, """
        <head>
          <meta property="og:image" content="https://acme.test/img/card.png">
        </head>
        """, configuration: RuleVerifier.Config("{\"siteUrl\":\"https://acme.test\"}"), safety: FixSafety.Safe);

    [Fact]
    public void Fix_is_safe_when_the_pages_own_url_is_https_on_that_host() => RuleVerifier.VerifyFix<SMO303InsecureOgImage>("""
        <head>
          <meta property="og:url" content="https://acme.test/widgets">
          <meta property="og:image" content="http://acme.test/img/@@widgets.png">
        </head>
        """, """
        <head>
          <meta property="og:url" content="https://acme.test/widgets">
          <meta property="og:image" content="https://acme.test/img/@@widgets.png">
        </head>
        """, "Views/Widgets/Index.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_for_another_host_is_a_suggestion() => RuleVerifier.VerifyFix<SMO303InsecureOgImage>("""
        <head>
          <meta property="og:url" content="https://acme.test/widgets">
          <meta property="og:image" content="http://images.example.net/widgets.png">
        </head>
        """, """
        <head>
          <meta property="og:url" content="https://acme.test/widgets">
          <meta property="og:image" content="https://images.example.net/widgets.png">
        </head>
        """, safety: FixSafety.Suggestion);
}
