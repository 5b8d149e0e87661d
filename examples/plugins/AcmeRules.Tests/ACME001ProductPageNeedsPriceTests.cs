using SmoLsp.Analysis.Rules;

namespace AcmeRules.Tests;

public sealed class ACME001ProductPageNeedsPriceTests
{
    [Fact]
    public void Reports_a_product_without_a_price_on_its_og_type() => RuleTest.Verify<ACME001ProductPageNeedsPrice>("""
        <html>
          <head>
            <title>Anvil | Acme</title>
            [|<meta property="og:type" content="product">|]
          </head>
        </html>
        """);

    [Fact]
    public void A_product_with_a_price_is_fine() => RuleTest.Verify<ACME001ProductPageNeedsPrice>("""
        <html>
          <head>
            <meta property="og:type" content="Product">
            <meta property="product:price:amount" content="99.00">
          </head>
        </html>
        """);

    [Theory]
    [InlineData("website")]
    [InlineData("article")]
    public void Other_page_types_need_no_price(string type) => RuleTest.Verify<ACME001ProductPageNeedsPrice>($"""
        <html><head><meta property="og:type" content="{type}"></head></html>
        """);

    [Fact]
    public void A_dynamic_og_type_is_not_judged() => RuleTest.Verify<ACME001ProductPageNeedsPrice>("""
        <html><head><meta property="og:type" content="@Model.OgType"></head></html>
        """, "Views/Shop/Item.cshtml");

    [Fact]
    public void Partials_are_not_pages() => RuleTest.Verify<ACME001ProductPageNeedsPrice>("""
        <meta property="og:type" content="product">
        """, "Views/Shared/_ProductMeta.cshtml");

    [Fact]
    public void The_fix_is_a_suggestion_with_a_placeholder_price()
    {
        var diagnostic = RuleTest.Verify<ACME001ProductPageNeedsPrice>("""
            <html>
              <head>
                [|<meta property="og:type" content="product">|]
              </head>
            </html>
            """).ShouldHaveSingleItem();

        var fix = diagnostic.Fixes.ShouldHaveSingleItem();
        fix.Safety.ShouldBe(FixSafety.Suggestion, "a price is not something a tool can know: check --fix must never write one");
        fix.Edits.ShouldHaveSingleItem().NewText.ShouldContain("<meta property=\"product:price:amount\" content=\"0.00\">");
    }

    [Fact]
    public void The_descriptor_points_at_acme_docs()
    {
        ACME001ProductPageNeedsPrice.Rule.HelpLink.ShouldEndWith("/AcmeRules/docs/ACME001.md");
        RuleApi.IsValidPluginRuleId(ACME001ProductPageNeedsPrice.Rule.Id, out _).ShouldBeTrue();
    }
}
