using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO502ConfiguredProfileNotLinkedTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_profiles =
        RuleVerifier.Config("""{ "profiles": ["https://twitter.com/Acme", "https://github.com/acme/"] }""");

    [Fact]
    public void Reports_each_configured_profile_that_is_not_linked()
    {
        var diagnostics = RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
            <html>
              <head>
                <title>Acme</title>
              [|[|</head>|]|]
              <body><footer></footer></body>
            </html>
            """, configuration: s_profiles);
        diagnostics.Select(d => d.Message).ShouldBe(
        [
            "The profile https://twitter.com/Acme listed in smolsp.json is not linked from this page: add <a href=\"https://twitter.com/Acme\" rel=\"me\"> (usually in the footer)",
            "The profile https://github.com/acme/ listed in smolsp.json is not linked from this page: add <a href=\"https://github.com/acme/\" rel=\"me\"> (usually in the footer)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Links_match_after_normalising_scheme_www_trailing_slash_case_and_twitter_as_x() => RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer>
              <a href="http://www.x.com/acme/">X</a>
              <a href="https://GitHub.com/Acme">GitHub</a>
            </footer>
          </body>
        </html>
        """, configuration: s_profiles);

    [Fact]
    public void A_rel_me_link_in_the_head_counts() => RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
        <html>
          <head>
            <link rel="me" href="https://twitter.com/acme">
            <link rel="me" href="https://github.com/acme">
          </head>
        </html>
        """, configuration: s_profiles);

    [Fact]
    public void Another_account_on_the_same_network_does_not_count() => RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
        <html>
          <head>
          [|</head>|]
          <body>
            <a href="https://x.com/acme">X</a>
            <a href="https://github.com/acme-labs">GitHub</a>
          </body>
        </html>
        """, configuration: s_profiles);

    [Fact]
    public void Silent_without_configured_profiles_and_on_fragments()
    {
        RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
            <html><head><title>Acme</title></head><body></body></html>
            """);
        RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
            <footer><p>&copy; Acme</p></footer>
            """, "Views/Shared/_Footer.cshtml", s_profiles);
    }

    [Fact]
    public void Silent_when_a_footer_component_may_hold_the_links() => RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
        <!DOCTYPE html>
        <html>
        <head><title>Acme</title></head>
        <body>
            @RenderBody()
            @await Html.PartialAsync("_SocialLinks")
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml", s_profiles);

    [Fact]
    public void Fix_inserts_the_link_in_the_footer() => RuleVerifier.VerifyFix<SMO502ConfiguredProfileNotLinked>("""
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer>
              <a href="https://github.com/acme">GitHub</a>
            </footer>
          </body>
        </html>
        """, """
        <html>
          <head><title>Acme</title></head>
          <body>
            <footer>
              <a href="https://github.com/acme">GitHub</a>
              <a href="https://twitter.com/Acme" rel="me">X</a>
            </footer>
          </body>
        </html>
        """, configuration: s_profiles, safety: FixSafety.Safe);

    [Fact]
    public void Fix_uses_the_page_footer_not_an_article_footer() => RuleVerifier.VerifyFix<SMO502ConfiguredProfileNotLinked>("""
        <html>
        	<head><title>Acme</title></head>
        	<body>
        		<article><footer>Posted by Jane</footer></article>
        		<footer>
        			<a href="https://x.com/acme">X</a>
        		</footer>
        		<article><footer>Posted by Joe</footer></article>
        	</body>
        </html>
        """, """
        <html>
        	<head><title>Acme</title></head>
        	<body>
        		<article><footer>Posted by Jane</footer></article>
        		<footer>
        			<a href="https://x.com/acme">X</a>
        			<a href="https://github.com/acme/" rel="me">GitHub</a>
        		</footer>
        		<article><footer>Posted by Joe</footer></article>
        	</body>
        </html>
        """, configuration: s_profiles, safety: FixSafety.Safe);

    [Fact]
    public void Fix_goes_before_the_end_of_body_without_a_footer() => RuleVerifier.VerifyFix<SMO502ConfiguredProfileNotLinked>("""
        <html>
        <head><title>Acme</title></head>
        <body>
          <main>Hello</main>
          <a href="https://x.com/acme">X</a>
        </body>
        </html>
        """, """
        <html>
        <head><title>Acme</title></head>
        <body>
          <main>Hello</main>
          <a href="https://x.com/acme">X</a>
          <a href="https://github.com/acme/" rel="me">GitHub</a>
        </body>
        </html>
        """, configuration: s_profiles, safety: FixSafety.Safe);

    [Fact]
    public void Without_a_body_there_is_nowhere_to_insert() => RuleVerifier.Verify<SMO502ConfiguredProfileNotLinked>("""
        <html>
          <head>
            <title>Acme</title>
          [|[|</head>|]|]
        </html>
        """, configuration: s_profiles).ShouldAllBe(d => d.Fixes.Count == 0);
}
