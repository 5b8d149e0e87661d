using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO204TitleTooShortTests
{
    [Fact]
    public void Reports_title_under_30() => RuleVerifier.Verify<SMO204TitleTooShort>("""
        <html>
          <head>
            [|<title>Acme Widgets</title>|]
          </head>
        </html>
        """);

    [Fact]
    public void Silent_at_30_and_for_empty_titles() => RuleVerifier.Verify<SMO204TitleTooShort>("""
        <html>
          <head>
            <title>Acme Widgets - hand-made tools</title>
            <title> </title>
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_title_is_never_judged() => RuleVerifier.Verify<SMO204TitleTooShort>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_blazor_page_title_in_component() => RuleVerifier.Verify<SMO204TitleTooShort>("""
        @page "/counter"
        [|<PageTitle>Counter</PageTitle>|]
        """, "Components/Pages/Counter.razor");

    [Fact]
    public void Threshold_is_configurable() => RuleVerifier.Verify<SMO204TitleTooShort>("""
        <html>
          <head>
            <title>Acme Widgets</title>
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO204": { "minLength": 10 } } }"""));

    [Fact]
    public void Message_quotes_title_and_limit()
    {
        var diagnostic = RuleVerifier.Verify<SMO204TitleTooShort>("""
            <html><head>[|<title>Acme Widgets</title>|]</head></html>
            """).Single();
        diagnostic.Message.ShouldContain("\"Acme Widgets\" is 12 characters, under 30");
    }
}
