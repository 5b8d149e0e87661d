using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO301RelativeSocialUrlTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_site = RuleVerifier.Config("{\"siteUrl\":\"https://acme.test\"}");

    [Fact]
    public void Reports_each_relative_url_tag_on_its_value()
    {
        var diagnostics = RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
            <html>
              <head>
                <meta property="og:url" content="[|/widgets/blue|]">
                <meta property="og:image" content="[|/img/card.png|]">
                <meta property="og:image:secure_url" content="[|img/card.png|]">
                <meta name="twitter:image" content=" [|../img/card.png|] ">
              </head>
            </html>
            """);
        diagnostics.ShouldAllBe(d => d.Fixes.Count == 0, "no site URL and no absolute page URL: nothing to resolve against");
        diagnostics[1].Message.ShouldBe("og:image is a relative URL ('/img/card.png'): Facebook, LinkedIn and X only read absolute URLs such as https://example.com/img/card.png: set \"siteUrl\" in smolsp.json to get a fix");
    }

    [Fact]
    public void Silent_for_absolute_urls_and_other_tags() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <html>
          <head>
            <meta property="og:url" content="https://acme.test/widgets/blue">
            <meta property="og:image" content="HTTPS://cdn.acme.test/img/card.png">
            <meta property="og:image:url" content="http://acme.test/img/card.png">
            <meta name="twitter:image" content="https://acme.test/img/card.png">
            <meta property="og:title" content="/not/a/url">
            <meta name="description" content="/not/a/url">
            <meta property="og:image:alt" content="img/card.png">
            <meta property="og:image" content="">
          </head>
        </html>
        """);

    [Fact]
    public void Protocol_relative_is_left_to_SMO302() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <head><meta property="og:image" content="//cdn.acme.test/card.png"></head>
        """);

    [Fact]
    public void Reports_razor_app_relative_path_written_statically() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="[|~/img/card.png|]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Razor_expressions_are_not_judged() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:url" content="@Url.Action("Index", "Home", null, Context.Request.Scheme)" />
            <meta property="og:image" content="@Url.Content("~/img/card.png")" />
            <meta name="twitter:image" content="@Model.ImageUrl" />
            <meta property="og:image:secure_url" content="/@Model.ImagePath" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Razor_value_with_a_relative_literal_start_is_reported() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="[|~/img/@Model.Slug-card.png|]" />
            <meta name="twitter:image" content="[|/img/@(Model.Slug).png|]" />
            <meta property="og:image:secure_url" content="img/@Model.Slug" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments_too() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <meta property="og:image" content="[|/img/card.png|]" />
        """, "Views/Shared/_SocialTags.cshtml");

    [Fact]
    public void Blazor_head_content_is_checked() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        @page "/widgets"
        <PageTitle>Widgets</PageTitle>
        <HeadContent>
            <meta property="og:image" content="[|images/widgets.png|]" />
            <meta property="og:url" content="@Nav.Uri" />
        </HeadContent>
        """, "Pages/Widgets.razor");

    [Fact]
    public void Fix_prefixes_the_site_origin_for_root_relative_paths() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <head>
          <meta property="og:image" content="/img/card.png?v=2&amp;size=large">
        </head>
        """, """
        <head>
          <meta property="og:image" content="https://acme.test/img/card.png?v=2&amp;size=large">
        </head>
        """, configuration: s_site, safety: FixSafety.Safe);

    [Fact]
    public void Fix_uses_the_origin_of_a_site_url_with_a_path_base_for_root_relative_paths() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <head><meta property="og:url" content="/widgets"></head>
        """, """
        <head><meta property="og:url" content="https://acme.test/widgets"></head>
        """, configuration: RuleVerifier.Config("{\"siteUrl\":\"https://acme.test/shop/\"}"), safety: FixSafety.Safe);

    [Fact]
    public void Fix_resolves_app_relative_paths_against_the_site_url_with_its_path_base() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="~/img/card.png" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="https://acme.test/shop/img/card.png" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", RuleVerifier.Config("{\"siteUrl\":\"https://acme.test/shop\"}"), safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_the_razor_part_of_a_value() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <html><head>
            <meta property="og:image" content="~/img/@Model.Slug-card.png" />
        </head></html>
        """, """
        <html><head>
            <meta property="og:image" content="https://acme.test/img/@Model.Slug-card.png" />
        </head></html>
        """, "Views/Blog/Post.cshtml", s_site, safety: FixSafety.Safe);

    [Fact]
    public void Fix_resolves_path_relative_urls_against_the_pages_own_url() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <head>
          <meta property="og:url" content="https://acme.test/blog/post-1/">
          <meta property="og:image" content="../img/post-1.png">
        </head>
        """, """
        <head>
          <meta property="og:url" content="https://acme.test/blog/post-1/">
          <meta property="og:image" content="https://acme.test/blog/img/post-1.png">
        </head>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Without_site_url_a_root_relative_path_takes_the_origin_of_the_canonical() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <head>
          <link rel="canonical" href="https://acme.test/widgets">
          <meta name="twitter:image" content="/img/widgets.png">
        </head>
        """, """
        <head>
          <link rel="canonical" href="https://acme.test/widgets">
          <meta name="twitter:image" content="https://acme.test/img/widgets.png">
        </head>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Path_relative_url_against_the_site_root_is_only_a_suggestion() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <head>
          <meta property="og:image" content="img/card.png">
        </head>
        """, """
        <head>
          <meta property="og:image" content="https://acme.test/img/card.png">
        </head>
        """, configuration: s_site, safety: FixSafety.Suggestion);

    [Fact]
    public void App_relative_path_without_site_url_is_only_a_suggestion() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <html><head>
            <meta property="og:url" content="https://acme.test/about" />
            <meta property="og:image" content="~/img/about.png" />
        </head></html>
        """, """
        <html><head>
            <meta property="og:url" content="https://acme.test/about" />
            <meta property="og:image" content="https://acme.test/img/about.png" />
        </head></html>
        """, "Views/Home/About.cshtml", safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_doubles_at_signs_it_writes_into_razor() => RuleVerifier.VerifyFix<SMO301RelativeSocialUrl>("""
        <html><head>
            <meta property="og:url" content="https://acme.test/team/" />
            <meta property="og:image" content="img/@@2x/jane.png" />
        </head></html>
        """, """
        <html><head>
            <meta property="og:url" content="https://acme.test/team/" />
            <meta property="og:image" content="https://acme.test/team/img/@@2x/jane.png" />
        </head></html>
        """, "Views/Home/Team.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void An_unquoted_razor_expression_value_is_not_the_slash_of_a_self_closing_tag() => RuleVerifier.Verify<SMO301RelativeSocialUrl>("""
        <html>
        <head>
          <meta property="og:image" content=@Model.Image/>
          <meta property="og:url" content=@Model.Url />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");
}
