using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO503FediverseLinkWithoutRelMeTests
{
    [Fact]
    public void Reports_mastodon_profile_links_without_rel_me() => RuleVerifier.Verify<SMO503FediverseLinkWithoutRelMe>("""
        <footer>
          <a [|href="https://mastodon.social/@acme"|]>Mastodon</a>
          <a [|href="https://social.example.org/@jane/"|] rel="noopener">Jane</a>
          <a [|href="https://hachyderm.io/users/acme"|]>Acme</a>
        </footer>
        """);

    [Fact]
    public void Silent_for_rel_me_posts_and_non_fediverse_at_profiles() => RuleVerifier.Verify<SMO503FediverseLinkWithoutRelMe>("""
        <footer>
          <a href="https://mastodon.social/@acme" rel="me">Mastodon</a>
          <a href="https://mastodon.social/@acme" rel="noopener ME">Mastodon</a>
          <a href="https://mastodon.social/@acme/111222333">A post</a>
          <a href="https://www.youtube.com/@acme">YouTube</a>
          <a href="https://www.tiktok.com/@acme">TikTok</a>
          <a href="https://medium.com/@acme">Medium</a>
          <a href="https://www.threads.net/@acme">Threads</a>
          <a href="https://example.org/users/acme">Not a known server</a>
        </footer>
        """);

    [Fact]
    public void Accounts_mentioned_in_an_article_are_not_claimed_unless_configured() => RuleVerifier.Verify<SMO503FediverseLinkWithoutRelMe>("""
        <article>
          <p>Thanks to <a href="https://fosstodon.org/@bob">Bob</a> for the review.</p>
          <p>Follow us: <a [|href="https://mastodon.social/@acme"|]>Mastodon</a></p>
        </article>
        """, configuration: RuleVerifier.Config("""{ "profiles": ["https://mastodon.social/@acme"] }"""));

    [Fact]
    public void Razor_dynamic_href_or_rel_is_not_judged() => RuleVerifier.Verify<SMO503FediverseLinkWithoutRelMe>("""
        <footer>
          <a href="@Model.MastodonUrl">Mastodon</a>
          <a href="https://mastodon.social/@@acme" rel="@Model.Rel">Mastodon</a>
          <a [|href="https://mastodon.social/@@acme"|]>Mastodon</a>
        </footer>
        """, "Views/Shared/_Footer.cshtml");

    [Fact]
    public void Fix_adds_rel_me_after_href() => RuleVerifier.VerifyFix<SMO503FediverseLinkWithoutRelMe>("""
        <a href="https://mastodon.social/@acme" class="social">Mastodon</a>
        """, """
        <a href="https://mastodon.social/@acme" rel="me" class="social">Mastodon</a>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_appends_me_to_an_existing_rel() => RuleVerifier.VerifyFix<SMO503FediverseLinkWithoutRelMe>("""
        <a rel="noopener" href="https://mastodon.social/@acme">Mastodon</a>
        """, """
        <a rel="noopener me" href="https://mastodon.social/@acme">Mastodon</a>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_quotes_an_unquoted_rel() => RuleVerifier.VerifyFix<SMO503FediverseLinkWithoutRelMe>("""
        <a rel=noopener href="https://mastodon.social/@acme">Mastodon</a>
        """, """
        <a rel="noopener me" href="https://mastodon.social/@acme">Mastodon</a>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_fills_an_empty_rel() => RuleVerifier.VerifyFix<SMO503FediverseLinkWithoutRelMe>("""
        <a href="https://mastodon.social/@acme" rel="">Mastodon</a>
        """, """
        <a href="https://mastodon.social/@acme" rel="me">Mastodon</a>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_in_razor_keeps_the_escaped_at() => RuleVerifier.VerifyFix<SMO503FediverseLinkWithoutRelMe>("""
        <footer><a href="https://mastodon.social/@@acme">Mastodon</a></footer>
        """, """
        <footer><a href="https://mastodon.social/@@acme" rel="me">Mastodon</a></footer>
        """, "Views/Shared/_Footer.cshtml", safety: FixSafety.Safe);
}
