using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO307DecoratedPageUrlTests
{
    [Fact]
    public void Reports_tracking_parameters_and_fragments_in_og_url_and_canonical()
    {
        var diagnostics = RuleVerifier.Verify<SMO307DecoratedPageUrl>("""
            <html>
              <head>
                <meta property="og:url" content="[|https://acme.test/blog/launch?utm_source=newsletter&amp;utm_medium=email|]">
                <link rel="canonical" href="[|https://acme.test/blog/launch#comments|]">
                <meta property="og:url" content="[|https://acme.test/?fbclid=IwAR0abc|]">
              </head>
            </html>
            """);
        diagnostics.Select(d => d.Message).ShouldBe(
        [
            "og:url 'https://acme.test/blog/launch?utm_source=newsletter&utm_medium=email' has the tracking parameters utm_source, utm_medium: shares and links are counted per exact URL, so this page's count splits off from the plain URL; name the page without it",
            "<link rel=\"canonical\"> 'https://acme.test/blog/launch#comments' has a fragment (#comments): shares and links are counted per exact URL, so this page's count splits off from the plain URL; name the page without it",
            "og:url 'https://acme.test/?fbclid=IwAR0abc' has the tracking parameter fbclid: shares and links are counted per exact URL, so this page's count splits off from the plain URL; name the page without it",
        ]);
    }

    [Fact]
    public void Silent_for_plain_urls_other_parameters_and_media() => RuleVerifier.Verify<SMO307DecoratedPageUrl>("""
        <html>
          <head>
            <meta property="og:url" content="https://acme.test/search?q=anvils&amp;page=2">
            <link rel="canonical" href="https://acme.test/search?q=anvils&amp;page=2">
            <meta property="og:image" content="https://acme.test/img/card.png?utm_source=cdn">
            <link rel="stylesheet" href="/site.css#x">
          </head>
        </html>
        """);

    [Fact]
    public void Razor_values_are_judged_by_their_literal_start_without_a_fix()
    {
        var diagnostics = RuleVerifier.Verify<SMO307DecoratedPageUrl>("""
            <meta property="og:url" content="[|https://acme.test/p?utm_source=x&amp;id=@Model.Id|]" />
            <meta property="og:url" content="https://acme.test/p/@Model.Slug?utm_source=x" />
            """, "Views/Shared/_SocialTags.cshtml");
        diagnostics[0].Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void Fix_removes_tracking_parameters_and_keeps_the_others() => RuleVerifier.VerifyFix<SMO307DecoratedPageUrl>("""
        <head>
          <meta property="og:url" content="https://acme.test/search?utm_campaign=spring&amp;q=anvils&amp;gclid=abc#top">
        </head>
        """, """
        <head>
          <meta property="og:url" content="https://acme.test/search?q=anvils">
        </head>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_drops_an_emptied_query() => RuleVerifier.VerifyFix<SMO307DecoratedPageUrl>("""
        <link rel="canonical" href="https://acme.test/about/?utm_source=x">
        """, """
        <link rel="canonical" href="https://acme.test/about/">
        """);
}
