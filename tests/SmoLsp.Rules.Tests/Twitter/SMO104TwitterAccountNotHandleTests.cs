using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO104TwitterAccountNotHandleTests
{
    [Theory]
    [InlineData("https://x.com/acme")]
    [InlineData("https://twitter.com/acme/")]
    [InlineData("twitter.com/acme")]
    [InlineData("acme")]
    [InlineData("Acme Widgets")]
    [InlineData("@acme widgets")]
    [InlineData("https://x.com/acme/status/1")]
    public void Reports_values_that_are_not_handles(string value) => RuleVerifier.Verify<SMO104TwitterAccountNotHandle>($$"""
        <html>
          <head>
            <meta name="twitter:site" [|content="{{value}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Checks_creator_too() => RuleVerifier.Verify<SMO104TwitterAccountNotHandle>("""
        <html>
          <head>
            <meta name="twitter:site" content="@acme">
            <meta name="twitter:creator" [|content="https://x.com/jane_doe"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_handles_ids_and_dynamic_values() => RuleVerifier.Verify<SMO104TwitterAccountNotHandle>("""
        <meta name="twitter:site" content="@@acme" />
        <meta name="twitter:creator" content="@Model.AuthorHandle" />
        <meta name="twitter:site:id" content="1234567" />
        <meta name="twitter:creator" content="" />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Message_says_what_to_write()
    {
        var diagnostic = RuleVerifier.Verify<SMO104TwitterAccountNotHandle>("""
            <meta name="twitter:site" [|content="https://x.com/acme"|]>
            """).Single();
        diagnostic.Message.ShouldContain("twitter:site");
        diagnostic.Message.ShouldContain("\"https://x.com/acme\"");
        diagnostic.Message.ShouldContain("@acme");
    }

    [Theory]
    [InlineData("Acme Widgets")]
    [InlineData("https://x.com/intent/tweet")]
    [InlineData("https://facebook.com/acme")]
    public void No_fix_when_no_username_is_derivable(string value)
    {
        var diagnostic = RuleVerifier.Verify<SMO104TwitterAccountNotHandle>($$"""
            <meta name="twitter:site" [|content="{{value}}"|]>
            """).Single();
        diagnostic.Fixes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://x.com/acme", "@acme")]
    [InlineData("http://www.twitter.com/Acme_HQ/?lang=en", "@Acme_HQ")]
    [InlineData("twitter.com/acme", "@acme")]
    [InlineData("https://mobile.twitter.com/#!/acme", "@acme")]
    [InlineData("acme", "@acme")]
    public void Fix_writes_the_handle(string value, string handle) => RuleVerifier.VerifyFix<SMO104TwitterAccountNotHandle>($$"""
        <html>
          <head>
            <meta name="twitter:site" content="{{value}}">
          </head>
        </html>
        """, $$"""
        <html>
          <head>
            <meta name="twitter:site" content="{{handle}}">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_escapes_the_at_sign_in_razor() => RuleVerifier.VerifyFix<SMO104TwitterAccountNotHandle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta name="twitter:creator" content="https://x.com/acme" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta name="twitter:creator" content="@@acme" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_escapes_the_at_sign_in_blazor() => RuleVerifier.VerifyFix<SMO104TwitterAccountNotHandle>("""
        <HeadContent>
            <meta name="twitter:site" content="acme" />
        </HeadContent>
        """, """
        <HeadContent>
            <meta name="twitter:site" content="@@acme" />
        </HeadContent>
        """, "Components/Pages/Home.razor", safety: FixSafety.Safe);
}
