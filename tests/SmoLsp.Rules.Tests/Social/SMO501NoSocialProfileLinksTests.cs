using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO501NoSocialProfileLinksTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_profiles =
        RuleVerifier.Config("""{ "profiles": ["https://x.com/acme", "https://mastodon.social/@acme"] }""");

    [Fact]
    public void Reports_once_on_the_head_when_nothing_links_a_profile()
    {
        var diagnostic = RuleVerifier.Verify<SMO501NoSocialProfileLinks>("""
            <!doctype html>
            <html>
              <head>
                <title>Acme</title>
              [|</head>|]
              <body>
                <a href="https://acme.test/about">About</a>
                <a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test">Share on X</a>
                <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.test">Share on Facebook</a>
              </body>
            </html>
            """).Single();
        diagnostic.Fixes.ShouldBeEmpty();
        diagnostic.Message.ShouldEndWith("(list them in \"profiles\" in smolsp.json to get a fix)");
    }

    [Theory]
    [InlineData("<a href=\"https://github.com/acme\">GitHub</a>")]
    [InlineData("<a href=\"https://www.linkedin.com/company/acme/\">LinkedIn</a>")]
    [InlineData("<a href=\"https://uk.linkedin.com/company/acme\">LinkedIn</a>")]
    [InlineData("<a href=\"https://bsky.app/profile/acme.test\">Bluesky</a>")]
    [InlineData("<a href=\"https://fosstodon.org/@acme\">Mastodon</a>")]
    [InlineData("<a rel=\"me\" href=\"https://jane.example\">Jane</a>")]
    public void Silent_when_the_body_links_a_profile(string link) => RuleVerifier.Verify<SMO501NoSocialProfileLinks>($"""
        <html>
          <head><title>Acme</title></head>
          <body><footer>{link}</footer></body>
        </html>
        """);

    [Fact]
    public void A_rel_me_link_in_the_head_counts() => RuleVerifier.Verify<SMO501NoSocialProfileLinks>("""
        <html>
          <head><link rel="me" href="https://mastodon.social/@acme"></head>
          <body></body>
        </html>
        """);

    [Fact]
    public void Razor_href_counts_when_its_literal_start_names_the_host() => RuleVerifier.Verify<SMO501NoSocialProfileLinks>("""
        <!DOCTYPE html>
        <html>
        <head><title>@ViewData["Title"]</title></head>
        <body>
            <footer><a href="https://x.com/@Model.Handle">X</a></footer>
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO501NoSocialProfileLinks>("""
        <footer><p>&copy; Acme</p></footer>
        """, "Views/Shared/_Footer.cshtml");

    [Fact]
    public void Silent_when_a_footer_partial_may_hold_the_links() => RuleVerifier.Verify<SMO501NoSocialProfileLinks>("""
        <!DOCTYPE html>
        <html>
        <head><title>Acme</title></head>
        <body>
            @RenderBody()
            <partial name="_Footer" />
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_a_blazor_host_page_whose_router_renders_the_layout() => RuleVerifier.Verify<SMO501NoSocialProfileLinks>("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <HeadOutlet />
        </head>
        <body>
            <Routes />
            <script src="_framework/blazor.web.js"></script>
        </body>
        </html>
        """, "Components/App.razor");

    [Fact]
    public void Fix_links_the_configured_profiles_in_the_footer() => RuleVerifier.VerifyFix<SMO501NoSocialProfileLinks>("""
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer>
              <p>&copy; Acme</p>
            </footer>
          </body>
        </html>
        """, """
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer>
              <p>&copy; Acme</p>
              <a href="https://x.com/acme" rel="me">X</a>
              <a href="https://mastodon.social/@acme" rel="me">Mastodon</a>
            </footer>
          </body>
        </html>
        """, configuration: s_profiles, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_without_footer_goes_before_the_end_of_body_and_escapes_at_signs_in_razor() => RuleVerifier.VerifyFix<SMO501NoSocialProfileLinks>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
        </head>
        <body>
            @RenderBody()
        </body>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
        </head>
        <body>
            @RenderBody()
            <a href="https://x.com/acme" rel="me">X</a>
            <a href="https://mastodon.social/@@acme" rel="me">Mastodon</a>
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml", s_profiles, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_on_a_one_line_footer_breaks_the_line() => RuleVerifier.VerifyFix<SMO501NoSocialProfileLinks>("""
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer><p>&copy; Acme</p></footer>
          </body>
        </html>
        """, """
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer><p>&copy; Acme</p>
              <a href="https://x.com/acme" rel="me">X</a>
              <a href="https://mastodon.social/@acme" rel="me">Mastodon</a>
            </footer>
          </body>
        </html>
        """, configuration: s_profiles, safety: FixSafety.Suggestion);
}
