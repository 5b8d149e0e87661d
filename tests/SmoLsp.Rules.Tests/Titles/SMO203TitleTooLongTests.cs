using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO203TitleTooLongTests
{
    // 61 characters.
    private const string Title61 = "Acme Widgets: hand-made widgets and gadgets for your workshop";

    [Fact]
    public void Reports_title_over_60() => RuleVerifier.Verify<SMO203TitleTooLong>($$"""
        <html>
          <head>
            [|<title>{{Title61}}</title>|]
          </head>
        </html>
        """);

    [Fact]
    public void Silent_at_60_counting_collapsed_whitespace_and_decoded_entities() => RuleVerifier.Verify<SMO203TitleTooLong>("""
        <html>
          <head>
            <title>
              Acme Widgets &amp; hand-made widgets and gadgets for workshops
            </title>
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_title_is_never_judged() => RuleVerifier.Verify<SMO203TitleTooLong>($$"""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - {{Title61}}</title>
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_blazor_page_title_in_component() => RuleVerifier.Verify<SMO203TitleTooLong>($$"""
        @page "/widgets"
        [|<PageTitle>{{Title61}}</PageTitle>|]
        """, "Components/Pages/Widgets.razor");

    [Fact]
    public void Threshold_is_configurable() => RuleVerifier.Verify<SMO203TitleTooLong>($$"""
        <html>
          <head>
            <title>{{Title61}}</title>
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO203": { "maxLength": 70 } } }"""));

    [Fact]
    public void Message_gives_length_and_limit()
    {
        var diagnostic = RuleVerifier.Verify<SMO203TitleTooLong>($$"""
            <html><head>[|<title>{{Title61}}</title>|]</head></html>
            """).Single();
        diagnostic.Message.ShouldContain("61 characters, over 60");
    }
}
