using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO504JsonLdSameAsTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_profiles =
        RuleVerifier.Config("""{ "profiles": ["https://x.com/acme", "https://mastodon.social/@acme"] }""");

    [Fact]
    public void Reports_organization_without_same_as_on_its_type()
    {
        var diagnostic = RuleVerifier.Verify<SMO504JsonLdSameAs>("""
            <script type="application/ld+json">
            { "@context": "https://schema.org", "@type": [|"Organization"|], "name": "Acme" }
            </script>
            """).Single();
        diagnostic.Message.ShouldBe("The JSON-LD Organization has no sameAs: list the URLs of its social profiles so search engines can connect them with it");
        diagnostic.Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void Finds_people_and_organizations_in_graphs_arrays_and_subtypes() => RuleVerifier.Verify<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">
        {
          "@context": "https://schema.org",
          "@graph": [
            { "@type": "WebSite", "name": "Acme" },
            { "@type": [|"Person"|], "name": "Jane" },
            { "@type": [|["LocalBusiness", "Store"]|], "name": "Acme Shop" },
            { "@type": "Organization", "sameAs": "https://github.com/acme" }
          ]
        }
        </script>
        <script type="application/ld+json">
        [ { "@type": [|"schema:NewsMediaOrganization"|] }, { "@type": "BlogPosting", "author": { "@type": "Person", "name": "Nested authors are not judged" } } ]
        </script>
        """);

    [Fact]
    public void Reports_entries_that_are_not_absolute_urls() => RuleVerifier.Verify<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">
        {
          "@context": "https://schema.org",
          "@type": "Organization",
          "sameAs": ["https://x.com/acme", [|"twitter.com/acme"|], [|"@acme"|], [|"/about"|], [|"//github.com/acme"|]]
        }
        </script>
        """);

    [Fact]
    public void Empty_same_as_counts_as_missing() => RuleVerifier.Verify<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">{ "@type": [|"Person"|], "sameAs": [] }</script>
        """);

    [Fact]
    public void Silent_for_valid_same_as_other_types_invalid_json_and_razor_code() => RuleVerifier.Verify<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">
        { "@@context": "https://schema.org", "@@type": "Organization", "sameAs": ["https://x.com/acme", "https://mastodon.social/@@acme"] }
        </script>
        <script type="application/ld+json">{ "@@type": "Article", "headline": "Hello" }</script>
        <script type="application/ld+json">{ "@@type": "Organization", </script>
        <script type="application/ld+json">{ "@@type": "Organization", "name": "@Model.Name" }</script>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Fix_adds_same_as_after_type_on_its_own_line() => RuleVerifier.VerifyFix<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">
        {
          "@context": "https://schema.org",
          "@type": "Organization",
          "name": "Acme"
        }
        </script>
        """, """
        <script type="application/ld+json">
        {
          "@context": "https://schema.org",
          "@type": "Organization",
          "sameAs": ["https://x.com/acme", "https://mastodon.social/@acme"],
          "name": "Acme"
        }
        </script>
        """, configuration: s_profiles, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_on_one_line_json_in_razor_escapes_at_signs() => RuleVerifier.VerifyFix<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">{ "@@context": "https://schema.org", "@@type": "Person", "name": "Jane" }</script>
        """, """
        <script type="application/ld+json">{ "@@context": "https://schema.org", "@@type": "Person", "sameAs": ["https://x.com/acme", "https://mastodon.social/@@acme"], "name": "Jane" }</script>
        """, "Views/Shared/_Layout.cshtml", s_profiles, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_fills_an_empty_same_as() => RuleVerifier.VerifyFix<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">{ "@type": "Person", "sameAs": [ ] }</script>
        """, """
        <script type="application/ld+json">{ "@type": "Person", "sameAs": ["https://x.com/acme", "https://mastodon.social/@acme"] }</script>
        """, configuration: s_profiles, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_adds_the_missing_scheme() => RuleVerifier.VerifyFix<SMO504JsonLdSameAs>("""
        <script type="application/ld+json">{ "@type": "Person", "sameAs": ["twitter.com/jane"] }</script>
        """, """
        <script type="application/ld+json">{ "@type": "Person", "sameAs": ["https://twitter.com/jane"] }</script>
        """, safety: FixSafety.Suggestion);
}
