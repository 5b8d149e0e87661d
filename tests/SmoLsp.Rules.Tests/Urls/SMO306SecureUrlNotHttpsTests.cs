using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO306SecureUrlNotHttpsTests
{
    [Fact]
    public void Reports_http_secure_urls_of_images_videos_and_audio()
    {
        var diagnostics = RuleVerifier.Verify<SMO306SecureUrlNotHttps>("""
            <html>
              <head>
                <meta property="og:image" content="http://acme.test/img/card.png">
                <meta property="og:image:secure_url" content="[|http://acme.test/img/card.png|]">
                <meta property="og:video:secure_url" content=" [|HTTP://cdn.acme.test/v.mp4|] ">
                <meta property="og:audio:secure_url" content="[|http://cdn.acme.test/a.mp3|]">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldStartWith("og:image:secure_url is 'http://acme.test/img/card.png', an http: URL");
    }

    [Fact]
    public void Silent_for_https_relative_and_dynamic_values() => RuleVerifier.Verify<SMO306SecureUrlNotHttps>("""
        <html><head>
            <meta property="og:image:secure_url" content="https://acme.test/img/card.png" />
            <meta property="og:image:secure_url" content="/img/card.png" />
            <meta property="og:image:secure_url" content="@Model.SecureImage" />
            <meta property="og:image" content="http://acme.test/img/card.png" />
        </head></html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Razor_values_are_judged_by_their_literal_start() => RuleVerifier.Verify<SMO306SecureUrlNotHttps>("""
        <meta property="og:image:secure_url" content="[|http://acme.test/img/@Model.Image|]" />
        """, "Views/Shared/_SocialTags.cshtml");

    [Fact]
    public void Fix_is_safe_on_the_sites_own_https_host() => RuleVerifier.VerifyFix<SMO306SecureUrlNotHttps>("""
        <head>
          <meta property="og:image:secure_url" content="http://acme.test/img/card.png">
        </head>
        """, """
        <head>
          <meta property="og:image:secure_url" content="https://acme.test/img/card.png">
        </head>
        """, configuration: RuleVerifier.Config("""{ "siteUrl": "https://acme.test" }"""), safety: FixSafety.Safe);

    [Fact]
    public void Fix_is_a_suggestion_on_other_hosts() => RuleVerifier.VerifyFix<SMO306SecureUrlNotHttps>("""
        <meta property="og:image:secure_url" content="http://cdn.example/card.png">
        """, """
        <meta property="og:image:secure_url" content="https://cdn.example/card.png">
        """, safety: FixSafety.Suggestion);
}
