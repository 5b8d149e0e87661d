using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO004MissingOgUrlTests
{
    private static readonly Analysis.Configuration.SmoLspConfiguration s_site = RuleVerifier.Config("""{ "siteUrl": "https://acme.example" }""");

    [Fact]
    public void Reports_on_head_when_no_og_url() => RuleVerifier.Verify<SMO004MissingOgUrl>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
            <link rel="canonical" href="https://acme.example/widgets">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Silent_when_og_url_present() => RuleVerifier.Verify<SMO004MissingOgUrl>("""
        <html>
          <head>
            <meta property="og:url" content="https://acme.example/widgets">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_url_is_dynamic() => RuleVerifier.Verify<SMO004MissingOgUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:url" content="@Context.Request.GetEncodedUrl()" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO004MissingOgUrl>("""
        <a href="@Model.Url">@Model.Title</a>
        """, "Views/Shared/_Link.cshtml");

    [Fact]
    public void Fix_copies_absolute_canonical() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <html>
          <head>
            <link rel="canonical" href="https://acme.example/widgets?page=2&amp;sort=name">
            <meta property="og:title" content="Widgets">
          </head>
        </html>
        """, """
        <html>
          <head>
            <link rel="canonical" href="https://acme.example/widgets?page=2&amp;sort=name">
            <meta property="og:title" content="Widgets">
            <meta property="og:url" content="https://acme.example/widgets?page=2&amp;sort=name">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_joins_site_relative_canonical_to_site_url() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <html>
          <head>
            <title>Widgets</title>
            <link rel="canonical" href="/widgets">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Widgets</title>
            <meta property="og:url" content="https://acme.example/widgets">
            <link rel="canonical" href="/widgets">
          </head>
        </html>
        """, configuration: s_site, safety: FixSafety.Safe);

    [Fact]
    public void Page_relative_canonical_without_a_route_is_not_guessed() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <html>
          <head>
            <title>Widgets</title>
            <link rel="canonical" href="widgets">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Widgets</title>
            <meta property="og:url" content="https://acme.example/">
            <link rel="canonical" href="widgets">
          </head>
        </html>
        """, "shop/widgets.html", s_site, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_uses_the_razor_page_route() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        @page "/about"
        @{ Layout = null; }
        <!DOCTYPE html>
        <html>
        <head>
            <title>About Acme</title>
        </head>
        </html>
        """, """
        @page "/about"
        @{ Layout = null; }
        <!DOCTYPE html>
        <html>
        <head>
            <title>About Acme</title>
            <meta property="og:url" content="https://acme.example/about" />
        </head>
        </html>
        """, "Pages/About.cshtml", s_site, safety: FixSafety.Safe);

    [Fact]
    public void Fix_uses_the_site_root_for_the_razor_pages_index() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        @page
        <html>
        <head>
            <title>Acme</title>
        </head>
        </html>
        """, """
        @page
        <html>
        <head>
            <title>Acme</title>
            <meta property="og:url" content="https://acme.example/" />
        </head>
        </html>
        """, "src/Acme.Web/Pages/Index.cshtml", s_site, safety: FixSafety.Safe);

    [Fact]
    public void Conventional_razor_pages_route_is_only_a_suggestion() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        @page
        <html>
        <head>
            <title>Post</title>
        </head>
        </html>
        """, """
        @page
        <html>
        <head>
            <title>Post</title>
            <meta property="og:url" content="https://acme.example/Blog/Post" />
        </head>
        </html>
        """, "Pages/Blog/Post.cshtml", s_site, safety: FixSafety.Suggestion);

    [Fact]
    public void Route_with_parameters_is_only_a_suggestion() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        @page "/blog/{slug}"
        <html>
        <head>
            <title>@Model.Title</title>
        </head>
        </html>
        """, """
        @page "/blog/{slug}"
        <html>
        <head>
            <title>@Model.Title</title>
            <meta property="og:url" content="https://acme.example/" />
        </head>
        </html>
        """, "Pages/Blog/Post.cshtml", s_site, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_uses_the_site_root_for_the_root_index_html() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme</title>
          </head>
        </html>
        """, """
        <!doctype html>
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:url" content="https://acme.example/">
          </head>
        </html>
        """, "index.html", s_site, safety: FixSafety.Safe);

    [Fact]
    public void Fix_uses_the_site_root_for_the_configured_web_root_index() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <html>
          <head>
            <title>Acme</title>
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:url" content="https://acme.example/">
          </head>
        </html>
        """, "public/index.html", RuleVerifier.Config("""{ "siteUrl": "https://acme.example/", "webRoot": "public" }"""), safety: FixSafety.Safe);

    [Fact]
    public void Layout_gets_the_bare_site_url_only_as_a_suggestion() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
            <meta property="og:url" content="https://acme.example/" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", s_site, safety: FixSafety.Suggestion);

    [Fact]
    public void Dynamic_canonical_is_copied_as_a_suggestion() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <!DOCTYPE html>
        <html>
        <head>
            <link rel="canonical" href="@ViewData["Canonical"]" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:url" content="@ViewData["Canonical"]" />
            <link rel="canonical" href="@ViewData["Canonical"]" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Suggestion);

    [Fact]
    public void Without_any_facts_offers_a_placeholder_suggestion() => RuleVerifier.VerifyFix<SMO004MissingOgUrl>("""
        <html>
          <head>
            <title>Acme</title>
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme</title>
            <meta property="og:url" content="TODO: absolute canonical URL of this page">
          </head>
        </html>
        """, safety: FixSafety.Suggestion);
}
