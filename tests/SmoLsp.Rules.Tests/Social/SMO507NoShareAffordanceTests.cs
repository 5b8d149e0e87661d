using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO507NoShareAffordanceTests
{
    [Fact]
    public void Reports_an_article_page_without_share_links()
    {
        var diagnostic = RuleVerifier.Verify<SMO507NoShareAffordance>("""
            <!doctype html>
            <html>
              <head>
                <meta property="og:type" content="article">
              [|</head>|]
              <body>
                <main><h1>Hello</h1><p>Text</p></main>
                <a href="https://x.com/acme">Follow us</a>
              </body>
            </html>
            """).Single();
        diagnostic.Message.ShouldStartWith("This article (og:type=article) offers no way to share it");
    }

    [Fact]
    public void An_article_element_makes_a_content_page() => RuleVerifier.Verify<SMO507NoShareAffordance>("""
        <html>
          <head><title>Hello</title>[|</head>|]
          <body><article><h1>Hello</h1></article></body>
        </html>
        """);

    [Fact]
    public void Articles_used_as_layout_rows_in_header_or_footer_are_not_content() => RuleVerifier.Verify<SMO507NoShareAffordance>("""
        <!DOCTYPE html>
        <html>
        <head><title>eShop</title></head>
        <body>
            <header><article class="row"><a href="/">Home</a></article></header>
            @RenderBody()
            <footer><article class="row">All rights reserved</article></footer>
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_for_pages_that_are_not_content() => RuleVerifier.Verify<SMO507NoShareAffordance>("""
        <html>
          <head><meta property="og:type" content="website"></head>
          <body><main><h1>Acme</h1></main></body>
        </html>
        """);

    [Theory]
    [InlineData("<a href=\"https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test%2Fhello\">X</a>")]
    [InlineData("<a href=\"https://x.com/intent/post?text=Hello\">X</a>")]
    [InlineData("<a href=\"https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.test%2Fhello\">Facebook</a>")]
    [InlineData("<a href=\"https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.test%2Fhello\">LinkedIn</a>")]
    [InlineData("<a href=\"https://wa.me/?text=https%3A%2F%2Facme.test%2Fhello\">WhatsApp</a>")]
    [InlineData("<a href=\"https://api.whatsapp.com/send?text=Hello\">WhatsApp</a>")]
    [InlineData("<a href=\"https://www.reddit.com/submit?url=https%3A%2F%2Facme.test%2Fhello\">Reddit</a>")]
    [InlineData("<a href=\"mailto:?subject=Hello&amp;body=https%3A%2F%2Facme.test%2Fhello\">E-mail</a>")]
    [InlineData("<button type=\"button\" onclick=\"navigator.share({ url: location.href })\">Share</button>")]
    [InlineData("<script>document.querySelector('#share').onclick = () => navigator.share({ url: location.href });</script>")]
    public void Silent_with_any_way_to_share(string share) => RuleVerifier.Verify<SMO507NoShareAffordance>($"""
        <html>
          <head><meta property="og:type" content="article"></head>
          <body><article><h1>Hello</h1>{share}</article></body>
        </html>
        """);

    [Fact]
    public void Razor_share_links_count_by_their_literal_start() => RuleVerifier.Verify<SMO507NoShareAffordance>("""
        <!DOCTYPE html>
        <html>
        <head><meta property="og:type" content="article" /></head>
        <body>
            <article>
                <a href="https://twitter.com/intent/tweet?url=@Uri.EscapeDataString(Model.Url)">Share on X</a>
            </article>
        </body>
        </html>
        """, "Views/Shared/_PostLayout.cshtml");

    [Fact]
    public void Silent_when_a_share_partial_renders_the_buttons() => RuleVerifier.Verify<SMO507NoShareAffordance>("""
        <!DOCTYPE html>
        <html>
        <head><meta property="og:type" content="article" /></head>
        <body>
            <article>
                @RenderBody()
                <partial name="_ShareButtons" />
            </article>
        </body>
        </html>
        """, "Views/Shared/_PostLayout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO507NoShareAffordance>("""
        <article><h2>@Model.Title</h2></article>
        """, "Views/Blog/_PostCard.cshtml");

    [Fact]
    public void Fix_inserts_intent_links_built_from_og_url_and_title_at_the_end_of_the_article() => RuleVerifier.VerifyFix<SMO507NoShareAffordance>("""
        <html>
          <head>
            <meta property="og:title" content="Widgets & you">
            <meta property="og:url" content="https://acme.test/blog/widgets?lang=en">
          </head>
          <body>
            <article>
              <h1>Widgets &amp; you</h1>
            </article>
          </body>
        </html>
        """, """
        <html>
          <head>
            <meta property="og:title" content="Widgets & you">
            <meta property="og:url" content="https://acme.test/blog/widgets?lang=en">
          </head>
          <body>
            <article>
              <h1>Widgets &amp; you</h1>
              <div class="share">
                <a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Facme.test%2Fblog%2Fwidgets%3Flang%3Den&amp;text=Widgets%20%26%20you">Share on X</a>
                <a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Facme.test%2Fblog%2Fwidgets%3Flang%3Den">Share on Facebook</a>
                <a href="https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.test%2Fblog%2Fwidgets%3Flang%3Den">Share on LinkedIn</a>
              </div>
            </article>
          </body>
        </html>
        """, safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_without_a_known_url_inserts_a_web_share_button_in_main() => RuleVerifier.VerifyFix<SMO507NoShareAffordance>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="article" />
            <meta property="og:url" content="@Model.Url" />
        </head>
        <body>
            <main role="main">
                @RenderBody()
            </main>
        </body>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="article" />
            <meta property="og:url" content="@Model.Url" />
        </head>
        <body>
            <main role="main">
                @RenderBody()
                <button type="button" onclick="navigator.share({ title: document.title, url: location.href })">Share</button>
            </main>
        </body>
        </html>
        """, "Views/Shared/_PostLayout.cshtml", safety: FixSafety.Suggestion);
}
