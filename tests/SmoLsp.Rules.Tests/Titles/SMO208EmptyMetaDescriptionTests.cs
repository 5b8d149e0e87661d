using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO208EmptyMetaDescriptionTests
{
    [Fact]
    public void Reports_empty_and_missing_content() => RuleVerifier.Verify<SMO208EmptyMetaDescription>("""
        <html>
          <head>
            <meta name="description" [|content=""|]>
            <meta name="description" [|content="   "|]>
            [|<meta name="description">|]
          </head>
        </html>
        """);

    [Fact]
    public void Silent_with_text_or_razor_expression() => RuleVerifier.Verify<SMO208EmptyMetaDescription>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta name="description" content="@ViewData["Description"]" />
            <meta name="description" content="Hand-made widgets" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_blazor_head_content() => RuleVerifier.Verify<SMO208EmptyMetaDescription>("""
        @page "/"
        <HeadContent>
            <meta name="description" [|content=""|] />
        </HeadContent>
        """, "Components/Pages/Home.razor");

    [Fact]
    public void Og_description_is_not_judged_here() => RuleVerifier.Verify<SMO208EmptyMetaDescription>("""
        <html>
          <head>
            <meta property="og:description" content="">
          </head>
        </html>
        """);
}
