using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO106XTitleTooLongTests
{
    // 81 characters.
    private const string LongTitle = "Acme Widgets: hand-made widgets, gadgets and gizmos for every workshop since 1999";

    // Exactly 70 characters.
    private const string Title70 = "Acme Widgets: hand-made widgets, gadgets and gizmos for every workshop";

    [Fact]
    public void Reports_long_twitter_title() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <html>
          <head>
            <meta property="og:title" content="Acme">
            <meta name="twitter:title" [|content="{{LongTitle}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Reports_long_og_title_when_no_twitter_title() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:title" [|content="{{LongTitle}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Reports_long_page_title_when_no_social_title() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <html>
          <head>
            [|<title>{{LongTitle}}</title>|]
          </head>
        </html>
        """);

    [Fact]
    public void Short_twitter_title_overrides_long_fallbacks() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <html>
          <head>
            <title>{{LongTitle}}</title>
            <meta property="og:title" content="{{LongTitle}}">
            <meta name="twitter:title" content="Acme Widgets">
          </head>
        </html>
        """);

    [Fact]
    public void Empty_twitter_title_falls_back_to_og_title() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <html>
          <head>
            <meta property="og:title" [|content="{{LongTitle}}"|]>
            <meta name="twitter:title" content="">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_at_the_limit_and_counts_normalized_text() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <html>
          <head>
            <meta name="twitter:title" content="  {{Title70.Replace(" ", "\n      ", StringComparison.Ordinal)}}  ">
            <meta name="twitter:title" content="{{Title70.Replace("&", "&amp;", StringComparison.Ordinal)}}">
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_values_are_never_judged() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <!DOCTYPE html>
        <html>
        <head>
            <title>{{LongTitle}}</title>
            <meta property="og:title" content="@ViewData["Title"] - {{LongTitle}}" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Dynamic_razor_title_is_not_judged() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - {{LongTitle}}</title>
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Judges_blazor_page_title_in_documents() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <!DOCTYPE html>
        <html>
        <head>
            [|<PageTitle>{{LongTitle}}</PageTitle>|]
        </head>
        </html>
        """, "Components/App.razor");

    [Fact]
    public void In_fragments_judges_only_twitter_title() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <PageTitle>{{LongTitle}}</PageTitle>
        <HeadContent>
            <meta property="og:title" content="{{LongTitle}}" />
            <meta name="twitter:title" [|content="{{LongTitle}}"|] />
        </HeadContent>
        """, "Components/Pages/Widgets.razor");

    [Fact]
    public void Fallbacks_are_not_judged_in_fragments() => RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
        <PageTitle>{{LongTitle}}</PageTitle>
        <HeadContent>
            <meta property="og:title" content="{{LongTitle}}" />
        </HeadContent>
        """, "Components/Pages/Widgets.razor");

    [Fact]
    public void Threshold_is_configurable() => RuleVerifier.Verify<SMO106XTitleTooLong>("""
        <html>
          <head>
            <meta name="twitter:title" [|content="Acme Widgets, hand-made"|]>
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO106": { "maxLength": 20 } } }"""));

    [Fact]
    public void Message_gives_length_limit_and_source()
    {
        var diagnostic = RuleVerifier.Verify<SMO106XTitleTooLong>($$"""
            <html>
              <head>
                <meta property="og:title" [|content="{{LongTitle}}"|]>
              </head>
            </html>
            """).Single();
        diagnostic.Message.ShouldContain("81 characters");
        diagnostic.Message.ShouldContain("limit of 70");
        diagnostic.Message.ShouldContain("og:title");
        diagnostic.Message.ShouldContain("add a twitter:title");
    }
}
