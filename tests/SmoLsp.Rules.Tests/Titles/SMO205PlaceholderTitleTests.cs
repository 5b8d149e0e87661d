using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO205PlaceholderTitleTests
{
    [Theory]
    [InlineData("Home")]
    [InlineData("home page")]
    [InlineData("Index")]
    [InlineData("Untitled")]
    [InlineData("Untitled Document")]
    [InlineData("Document")]
    [InlineData("Page Title")]
    [InlineData("My ASP.NET Application")]
    [InlineData("Home Page - WebApplication1")]
    [InlineData("Index | Acme")]
    [InlineData("  HOME  ")]
    public void Reports_placeholders(string title) => RuleVerifier.Verify<SMO205PlaceholderTitle>($$"""
        <html>
          <head>
            [|<title>{{title}}</title>|]
          </head>
        </html>
        """);

    [Theory]
    [InlineData("Acme Widgets - Home")]
    [InlineData("Home improvement tools - Acme")]
    [InlineData("Document signing made simple")]
    [InlineData("Privacy Policy - WebApplication1")]
    public void Silent_for_real_titles(string title) => RuleVerifier.Verify<SMO205PlaceholderTitle>($$"""
        <html>
          <head>
            <title>{{title}}</title>
          </head>
        </html>
        """);

    // The template default is a placeholder only when the page sets no ViewData["Title"]: that needs layout
    // composition, so a dynamic title is not judged.
    [Fact]
    public void Dynamic_template_default_is_not_judged() => RuleVerifier.Verify<SMO205PlaceholderTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - WebApplication1</title>
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_blazor_page_title_in_component() => RuleVerifier.Verify<SMO205PlaceholderTitle>("""
        @page "/"
        [|<PageTitle>Home</PageTitle>|]
        """, "Components/Pages/Home.razor");

    [Fact]
    public void Message_quotes_the_title()
    {
        var diagnostic = RuleVerifier.Verify<SMO205PlaceholderTitle>("""
            <html><head>[|<title>Document</title>|]</head></html>
            """).Single();
        diagnostic.Message.ShouldStartWith("<title> \"Document\" is a placeholder");
    }
}
