using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO202EmptyTitleTests
{
    [Fact]
    public void Reports_empty_and_whitespace_titles() => RuleVerifier.Verify<SMO202EmptyTitle>("""
        <html>
          <head>
            [|<title></title>|]
          </head>
        </html>
        """);

    [Fact]
    public void Reports_whitespace_and_entity_space() => RuleVerifier.Verify<SMO202EmptyTitle>("""
        <html>
          <head>
            [|<title>
            </title>|]
          </head>
        </html>
        """);

    [Fact]
    public void Silent_with_text_or_razor_expression() => RuleVerifier.Verify<SMO202EmptyTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"]</title>
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_empty_page_title_in_blazor_component() => RuleVerifier.Verify<SMO202EmptyTitle>("""
        @page "/widgets"
        [|<PageTitle></PageTitle>|]
        <h1>Widgets</h1>
        """, "Components/Pages/Widgets.razor");

    [Fact]
    public void Silent_for_blazor_page_title_with_expression() => RuleVerifier.Verify<SMO202EmptyTitle>("""
        @page "/widgets/{id:int}"
        <PageTitle>@widget.Name</PageTitle>
        """, "Components/Pages/Widget.razor");

    [Fact]
    public void Message_names_the_element()
    {
        var diagnostic = RuleVerifier.Verify<SMO202EmptyTitle>("""
            @page "/"
            [|<PageTitle> </PageTitle>|]
            """, "Components/Pages/Home.razor").Single();
        diagnostic.Message.ShouldStartWith("<PageTitle> is empty");
    }
}
