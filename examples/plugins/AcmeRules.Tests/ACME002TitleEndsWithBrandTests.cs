using SmoLsp.Analysis.Rules;

namespace AcmeRules.Tests;

public sealed class ACME002TitleEndsWithBrandTests
{
    [Fact]
    public void Reports_a_title_without_the_brand() => RuleTest.Verify<ACME002TitleEndsWithBrand>("""
        <html>
          <head>
            [|<title>Anvils</title>|]
          </head>
        </html>
        """).ShouldHaveSingleItem().Message.ShouldContain("\"Anvils\"");

    [Theory]
    [InlineData("Anvils | Acme")]
    [InlineData("Anvils - ACME")]
    [InlineData("Acme")]
    public void Titles_ending_with_the_brand_are_fine(string title) => RuleTest.Verify<ACME002TitleEndsWithBrand>($"""
        <html><head><title>{title}</title></head></html>
        """);

    [Fact]
    public void A_Razor_title_is_not_judged() => RuleTest.Verify<ACME002TitleEndsWithBrand>("""
        <html><head><title>@ViewData["Title"]</title></head></html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Empty_titles_are_left_to_SMO202() => RuleTest.Verify<ACME002TitleEndsWithBrand>("""
        <html><head><title> </title></head></html>
        """);

    [Fact]
    public void Blazor_PageTitle_is_a_title_too() => RuleTest.Verify<ACME002TitleEndsWithBrand>("""
        @page "/anvils"
        [|<PageTitle>Anvils</PageTitle>|]
        <h1>Anvils</h1>
        """, "Pages/Anvils.razor");

    [Fact]
    public void The_safe_fix_appends_the_brand_after_the_last_visible_character() => RuleTest.VerifyFix<ACME002TitleEndsWithBrand>(
        "<html><head><title>\n  Anvils  \n</title></head></html>",
        "<html><head><title>\n  Anvils | Acme  \n</title></head></html>");

    [Fact]
    public void The_fix_is_safe_so_check_fix_applies_it()
    {
        var diagnostic = RuleTest.Verify<ACME002TitleEndsWithBrand>("<html><head>[|<title>Anvils</title>|]</head></html>").ShouldHaveSingleItem();

        diagnostic.Fixes.ShouldHaveSingleItem().Safety.ShouldBe(FixSafety.Safe);
    }
}
