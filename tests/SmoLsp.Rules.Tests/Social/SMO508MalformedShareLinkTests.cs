using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO508MalformedShareLinkTests
{
    [Fact]
    public void Reports_missing_url_parameter()
    {
        var diagnostics = RuleVerifier.Verify<SMO508MalformedShareLink>("""
            <article>
              <a href="[|https://twitter.com/intent/tweet?text=Read%20this|]">X</a>
              <a href="[|https://www.facebook.com/sharer/sharer.php|]">Facebook</a>
              <a href="[|https://www.linkedin.com/sharing/share-offsite/?url=|]">LinkedIn</a>
              <a href="[|https://wa.me/?text=Read%20this|]">WhatsApp</a>
            </article>
            """);
        diagnostics[0].Message.ShouldBe("This X share link has no page URL (url=): the share dialog opens without the page");
        diagnostics.ShouldAllBe(d => d.Fixes.Count == 0, "no og:url or canonical to build the URL from");
    }

    [Fact]
    public void Reports_unencoded_urls() => RuleVerifier.Verify<SMO508MalformedShareLink>("""
        <article>
          <a href="[|https://www.facebook.com/sharer/sharer.php?u=https://acme.test/p?id=1&ref=2|]">Facebook</a>
          <a href="[|https://api.whatsapp.com/send?text=Read https://acme.test/p|]">WhatsApp</a>
        </article>
        """)[0].Message.ShouldStartWith("The u= parameter of this Facebook share link is not URL-encoded");

    [Fact]
    public void Reports_a_hard_coded_url_of_another_page()
    {
        var diagnostic = RuleVerifier.Verify<SMO508MalformedShareLink>("""
            <html>
              <head><meta property="og:url" content="https://acme.test/blog/widgets"></head>
              <body>
                <a href="[|https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test%2Fblog%2Fgadgets|]">X</a>
                <a href="[|https://www.reddit.com/submit?url=https%3A%2F%2Facme.test%2Fblog%2Fgadgets&amp;title=Gadgets|]">Reddit</a>
              </body>
            </html>
            """)[0];
        diagnostic.Message.ShouldBe("This X share link shares https://acme.test/blog/gadgets, not this page (https://acme.test/blog/widgets)");
    }

    [Fact]
    public void Silent_for_well_formed_links_and_other_links() => RuleVerifier.Verify<SMO508MalformedShareLink>("""
        <html>
          <head><link rel="canonical" href="https://acme.test/blog/widgets"></head>
          <body>
            <a href="https://twitter.com/intent/tweet?url=http%3A%2F%2Facme.test%2Fblog%2Fwidgets%2F&amp;text=Widgets">X</a>
            <a href="https://x.com/intent/post?text=Widgets%20https%3A%2F%2Facme.test%2Fblog%2Fwidgets">X with the URL in the text</a>
            <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.test%2Fblog%2Fwidgets">Facebook</a>
            <a href="https://wa.me/?text=Widgets%20https%3A%2F%2Facme.test%2Fblog%2Fwidgets">WhatsApp</a>
            <a href="mailto:?subject=Widgets">E-mail</a>
            <a href="https://bsky.app/intent/compose?text=Widgets">Bluesky</a>
            <a href="https://x.com/acme">Profile</a>
          </body>
        </html>
        """);

    [Fact]
    public void A_listing_page_sharing_several_urls_is_not_compared_with_its_own_url() => RuleVerifier.Verify<SMO508MalformedShareLink>("""
        <html>
          <head><meta property="og:url" content="https://acme.test/blog"></head>
          <body>
            <article><a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test%2Fblog%2Fone">X</a></article>
            <article><a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test%2Fblog%2Ftwo">X</a></article>
          </body>
        </html>
        """);

    [Fact]
    public void Razor_links_with_code_are_not_judged() => RuleVerifier.Verify<SMO508MalformedShareLink>("""
        <a href="https://twitter.com/intent/tweet?url=@Uri.EscapeDataString(Model.Url)">X</a>
        <a href="https://twitter.com/intent/tweet?text=@Model.Title">X</a>
        """, "Views/Shared/_Share.cshtml");

    [Fact]
    public void Fix_rebuilds_the_parameter_from_og_url_keeping_the_others() => RuleVerifier.VerifyFix<SMO508MalformedShareLink>("""
        <html>
          <head><meta property="og:url" content="https://acme.test/blog/widgets?lang=en"></head>
          <body>
            <a href="https://twitter.com/intent/tweet?text=Widgets&amp;via=acme">X</a>
          </body>
        </html>
        """, """
        <html>
          <head><meta property="og:url" content="https://acme.test/blog/widgets?lang=en"></head>
          <body>
            <a href="https://twitter.com/intent/tweet?text=Widgets&amp;via=acme&amp;url=https%3A%2F%2Facme.test%2Fblog%2Fwidgets%3Flang%3Den">X</a>
          </body>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_encodes_an_unencoded_url_and_drops_its_stray_pieces() => RuleVerifier.VerifyFix<SMO508MalformedShareLink>("""
        <html>
          <head><link rel="canonical" href="https://acme.test/p?id=1&amp;ref=2"></head>
          <body>
            <a href="https://www.facebook.com/sharer/sharer.php?u=https://acme.test/p?id=1&ref=2&hashtag=%23acme">Facebook</a>
          </body>
        </html>
        """, """
        <html>
          <head><link rel="canonical" href="https://acme.test/p?id=1&amp;ref=2"></head>
          <body>
            <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.test%2Fp%3Fid%3D1%26ref%3D2&hashtag=%23acme">Facebook</a>
          </body>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_replaces_another_pages_url() => RuleVerifier.VerifyFix<SMO508MalformedShareLink>("""
        <!DOCTYPE html>
        <html>
        <head><meta property="og:url" content="https://acme.test/team/@@jane" /></head>
        <body>
            <a href="https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.test%2Fteam%2Fjoe">LinkedIn</a>
        </body>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head><meta property="og:url" content="https://acme.test/team/@@jane" /></head>
        <body>
            <a href="https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.test%2Fteam%2F%40jane">LinkedIn</a>
        </body>
        </html>
        """, "Views/Team/Jane.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_puts_the_page_url_into_whatsapp_text() => RuleVerifier.VerifyFix<SMO508MalformedShareLink>("""
        <html>
          <head><meta property="og:url" content="https://acme.test/blog/widgets"></head>
          <body><a href="https://wa.me/?text=Read%20this">WhatsApp</a></body>
        </html>
        """, """
        <html>
          <head><meta property="og:url" content="https://acme.test/blog/widgets"></head>
          <body><a href="https://wa.me/?text=Read%20this%20https%3A%2F%2Facme.test%2Fblog%2Fwidgets">WhatsApp</a></body>
        </html>
        """, safety: FixSafety.Safe);
}
