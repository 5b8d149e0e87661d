using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO209MetaDescriptionLengthTests
{
    private static readonly string s_161 = new('a', 161);
    private static readonly string s_160 = new('a', 160);
    private static readonly string s_70 = new('a', 70);
    private static readonly string s_69 = new('a', 69);

    [Fact]
    public void Reports_too_long_and_too_short() => RuleVerifier.Verify<SMO209MetaDescriptionLength>($$"""
        <html>
          <head>
            <meta name="description" [|content="{{s_161}}"|]>
            <meta name="description" [|content="{{s_69}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Silent_at_the_limits_and_for_empty_values() => RuleVerifier.Verify<SMO209MetaDescriptionLength>($$"""
        <html>
          <head>
            <meta name="description" content="{{s_160}}">
            <meta name="description" content="{{s_70}}">
            <meta name="description" content="">
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_values_are_never_judged() => RuleVerifier.Verify<SMO209MetaDescriptionLength>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta name="description" content="@ViewData["Description"]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_blazor_head_content() => RuleVerifier.Verify<SMO209MetaDescriptionLength>("""
        @page "/"
        <HeadContent>
            <meta name="description" [|content="Widgets."|] />
        </HeadContent>
        """, "Components/Pages/Home.razor");

    [Fact]
    public void Thresholds_are_configurable() => RuleVerifier.Verify<SMO209MetaDescriptionLength>($$"""
        <html>
          <head>
            <meta name="description" [|content="{{s_160}}"|]>
            <meta name="description" content="Widgets.">
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO209": { "minLength": 5, "maxLength": 156 } } }"""));

    [Fact]
    public void Messages_give_length_and_limit()
    {
        var diagnostics = RuleVerifier.Verify<SMO209MetaDescriptionLength>($$"""
            <html>
              <head>
                <meta name="description" [|content="{{s_161}}"|]>
                <meta name="description" [|content="Widgets."|]>
              </head>
            </html>
            """);
        diagnostics.ShouldContain(d => d.Message.StartsWith("The meta description is 161 characters, over 160", StringComparison.Ordinal));
        diagnostics.ShouldContain(d => d.Message.StartsWith("The meta description is 8 characters, under 70", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unquoted_razor_expression_is_not_a_one_character_description() => RuleVerifier.Verify<SMO209MetaDescriptionLength>("""
        <html>
        <head>
          <meta name="description" content=@Model.Description/>
        </head>
        </html>
        """, "Pages/Index.cshtml");
}
