using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO505ProfileLinksSameAsMismatchTests
{
    [Fact]
    public void Reports_each_side_where_the_other_lacks_the_profile()
    {
        var diagnostics = RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
            <html>
              <head>
                <script type="application/ld+json">
                { "@context": "https://schema.org", "@type": "Organization", "name": "Acme",
                  "sameAs": ["https://x.com/acme", [|"https://www.instagram.com/acme/"|], "https://en.wikipedia.org/wiki/Acme"] }
                </script>
              </head>
              <body>
                <footer>
                  <a href="https://twitter.com/Acme">X</a>
                  <a href="[|https://github.com/acme|]">GitHub</a>
                  <a href="https://github.com/acme">GitHub again</a>
                </footer>
              </body>
            </html>
            """);
        diagnostics.Select(d => d.Message).ShouldBe(
        [
            "JSON-LD sameAs lists https://www.instagram.com/acme/, but the page does not link to it: link it (with rel=\"me\") or remove it from sameAs",
            "The page links to the profile https://github.com/acme, but the JSON-LD sameAs does not list it: add it to sameAs",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Rel_me_links_to_any_site_are_identity_links() => RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
        <html>
          <head>
            <link rel="me" href="[|https://jane.example/|]">
            <script type="application/ld+json">{ "@type": "Person", "name": "Jane", "sameAs": ["https://github.com/jane"] }</script>
          </head>
          <body><a href="https://github.com/jane">GitHub</a></body>
        </html>
        """);

    [Fact]
    public void Silent_when_they_agree_or_one_side_is_missing()
    {
        RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
            <html>
              <head>
                <script type="application/ld+json">{ "@type": "Organization", "sameAs": ["https://mastodon.social/@acme", "https://www.wikidata.org/wiki/Q1"] }</script>
              </head>
              <body>
                <a href="https://mastodon.social/@acme/" rel="me">Mastodon</a>
                <a href="https://github.com/acme/widgets">A repository is not a profile</a>
                <a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test">Share</a>
              </body>
            </html>
            """);
        RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
            <html>
              <head><script type="application/ld+json">{ "@type": "Organization", "sameAs": ["https://x.com/acme"] }</script></head>
              <body></body>
            </html>
            """);
        RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
            <html>
              <head><script type="application/ld+json">{ "@type": "Organization" }</script></head>
              <body><a href="https://x.com/acme">X</a></body>
            </html>
            """);
    }

    [Fact]
    public void Dynamic_links_and_json_ld_are_not_judged() => RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
        <!DOCTYPE html>
        <html>
        <head>
            <script type="application/ld+json">{ "@@type": "Organization", "sameAs": ["https://x.com/acme", "@Model.Extra"] }</script>
        </head>
        <body>
            <a href="https://github.com/acme">GitHub</a>
            <a href="@Model.XUrl">X</a>
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO505ProfileLinksSameAsMismatch>("""
        <script type="application/ld+json">{ "@type": "Organization", "sameAs": ["https://x.com/acme"] }</script>
        <a href="https://github.com/acme">GitHub</a>
        """, "Views/Shared/_Identity.cshtml");
}
