using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO509MalformedFediverseCreatorTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_mastodon =
        RuleVerifier.Config("""{ "profiles": ["https://mastodon.social/@ada", "https://github.com/ada"] }""");

    [Fact]
    public void Reports_values_that_are_not_account_addresses()
    {
        var diagnostics = RuleVerifier.Verify<SMO509MalformedFediverseCreator>("""
            <html>
              <head>
                <meta name="fediverse:creator" content="[|https://mastodon.social/@ada|]">
                <meta property="fediverse:creator" content="[|acct:ada@mastodon.social|]">
                <meta name="fediverse:creator" content="[|@ada|]">
                <meta name="fediverse:creator" content="[|Ada Lovelace|]">
              </head>
            </html>
            """);
        diagnostics.Select(d => d.Message).ShouldBe(
        [
            "fediverse:creator is 'https://mastodon.social/@ada': Mastodon reads it as an account address, @user@instance, not a profile URL; write @ada@mastodon.social",
            "fediverse:creator is 'acct:ada@mastodon.social': Mastodon reads it as an account address, @user@instance, without the acct: prefix; write @ada@mastodon.social",
            "fediverse:creator is '@ada': Mastodon reads it as an account address, @user@instance, with its instance: without one, each reader's server looks up its own user of that name",
            "fediverse:creator is 'Ada Lovelace': Mastodon reads it as an account address, @user@instance, not a name or a URL; write the account's address as its profile page shows it",
        ]);
        diagnostics.Select(d => d.Fixes.Count).ShouldBe([1, 1, 0, 0]);
    }

    [Fact]
    public void A_bare_user_is_completed_from_the_configured_profile()
    {
        var diagnostics = RuleVerifier.Verify<SMO509MalformedFediverseCreator>("""
            <html><head><meta name="fediverse:creator" content="[|@Ada|]"></head></html>
            """, configuration: s_mastodon);
        diagnostics[0].Message.ShouldEndWith("with its instance; write @ada@mastodon.social");
    }

    [Fact]
    public void Silent_for_addresses_dynamic_and_empty_values() => RuleVerifier.Verify<SMO509MalformedFediverseCreator>("""
        <html><head>
            <meta name="fediverse:creator" content="@@ada@mastodon.social" />
            <meta name="fediverse:creator" content="ada@hachyderm.io" />
            <meta name="fediverse:creator" content="@Model.Author.Fediverse" />
            <meta name="fediverse:creator" content="" />
        </head></html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO509MalformedFediverseCreator>("""
        <meta name="fediverse:creator" content="[|https://hachyderm.io/@@ada|]" />
        """, "Views/Blog/_Author.cshtml");

    [Fact]
    public void Fix_writes_the_address_and_escapes_it_in_razor() => RuleVerifier.VerifyFix<SMO509MalformedFediverseCreator>("""
        <meta name="fediverse:creator" content="https://mastodon.social/@@ada" />
        """, """
        <meta name="fediverse:creator" content="@@ada@mastodon.social" />
        """, "Views/Blog/_Author.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_completes_a_bare_user() => RuleVerifier.VerifyFix<SMO509MalformedFediverseCreator>("""
        <html><head><meta name="fediverse:creator" content="ada"></head></html>
        """, """
        <html><head><meta name="fediverse:creator" content="@ada@mastodon.social"></head></html>
        """, configuration: s_mastodon, safety: FixSafety.Safe);
}
