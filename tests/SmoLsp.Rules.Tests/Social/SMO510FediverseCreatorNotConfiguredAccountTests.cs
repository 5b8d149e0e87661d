using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO510FediverseCreatorNotConfiguredAccountTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_mastodon =
        RuleVerifier.Config("""{ "profiles": ["https://x.com/acme", "https://mastodon.social/@acme"] }""");

    [Fact]
    public void Reports_a_page_without_fediverse_creator_when_a_mastodon_profile_is_configured()
    {
        var diagnostics = RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("""
            <html>
              <head>
                <title>Acme</title>
              [|</head>|]
            </html>
            """, configuration: s_mastodon);
        diagnostics[0].Message.ShouldBe("The page has no fediverse:creator, though smolsp.json lists the Mastodon account @acme@mastodon.social: Mastodon credits the author under a shared link only through fediverse:creator");
    }

    [Fact]
    public void Reports_the_same_user_on_another_instance() => RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("""
        <html><head><meta name="fediverse:creator" content="[|@acme@mastodon.online|]"></head></html>
        """, configuration: s_mastodon);

    [Fact]
    public void Silent_without_a_configured_fediverse_profile_and_for_other_authors()
    {
        RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("<html><head><title>Acme</title></head></html>",
            configuration: RuleVerifier.Config("""{ "profiles": ["https://x.com/acme"] }"""));
        RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("""
            <html><head>
              <meta name="fediverse:creator" content="@ada@hachyderm.io">
              <meta name="fediverse:creator" content="@Acme@Mastodon.Social">
            </head></html>
            """, configuration: s_mastodon);
    }

    [Fact]
    public void Points_at_a_misspelled_tag() => RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("""
        <html><head><meta [|name="fediverse:creater"|] content="@acme@mastodon.social"></head></html>
        """, configuration: s_mastodon);

    [Fact]
    public void Silent_on_fragments_and_heads_pages_add_to() => RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("""
        <html><head><title>@ViewData["Title"]</title>@await RenderSectionAsync("Head", required: false)</head><body>@RenderBody()</body></html>
        """, "Views/Shared/_Layout.cshtml", configuration: s_mastodon);

    [Fact]
    public void Fix_inserts_the_configured_account() => RuleVerifier.VerifyFix<SMO510FediverseCreatorNotConfiguredAccount>("""
        <html>
          <head>
            <title>Acme</title>
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme</title>
            <meta name="fediverse:creator" content="@acme@mastodon.social">
          </head>
        </html>
        """, configuration: s_mastodon, safety: FixSafety.Safe);

    [Fact]
    public void Fix_in_razor_escapes_the_transition() => RuleVerifier.VerifyFix<SMO510FediverseCreatorNotConfiguredAccount>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>Acme</title>
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>Acme</title>
            <meta name="fediverse:creator" content="@@acme@mastodon.social" />
        </head>
        </html>
        """, "Views/Home/Index.cshtml", configuration: s_mastodon);

    [Fact]
    public void Several_configured_accounts_are_suggestions()
    {
        var diagnostics = RuleVerifier.Verify<SMO510FediverseCreatorNotConfiguredAccount>("<html><head><title>Acme</title>[|</head>|]</html>",
            configuration: RuleVerifier.Config("""{ "profiles": ["https://mastodon.social/@acme", "https://hachyderm.io/@ada"] }"""));
        diagnostics[0].Fixes.Select(f => f.Safety).ShouldBe([FixSafety.Suggestion, FixSafety.Suggestion]);
    }
}
