using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO511ArticleStructuredDataIncompleteTests
{
    [Fact]
    public void Reports_articles_missing_the_recommended_fields()
    {
        var diagnostics = RuleVerifier.Verify<SMO511ArticleStructuredDataIncomplete>("""
            <html><head>
            <script type="application/ld+json">
            { "@context": "https://schema.org", "@type": [|"BlogPosting"|], "headline": "Launch", "image": [] }
            </script>
            <script type="application/ld+json">
            { "@context": "https://schema.org", "@graph": [
              { "@type": "WebSite", "name": "Acme" },
              { "@type": [|["NewsArticle", "Thing"]|], "headline": " ", "datePublished": "2025-03-03" } ] }
            </script>
            </head></html>
            """);
        diagnostics.Select(d => d.Message).ShouldBe(
        [
            "This JSON-LD BlogPosting has no image or datePublished: Google recommends headline, image and datePublished so the article shows its title, image and date in results",
            "This JSON-LD NewsArticle has no headline or image: Google recommends headline, image and datePublished so the article shows its title, image and date in results",
        ]);
    }

    [Fact]
    public void Silent_for_complete_articles_other_types_and_razor_blocks() => RuleVerifier.Verify<SMO511ArticleStructuredDataIncomplete>("""
        <html><head>
        <script type="application/ld+json">
        { "@context": "https://schema.org", "@type": "Article", "headline": "Launch",
          "image": { "@type": "ImageObject", "url": "https://acme.test/a.jpg" }, "datePublished": "2025-03-03" }
        </script>
        <script type="application/ld+json">{ "@type": "Organization", "name": "Acme" }</script>
        <script type="application/ld+json">{ "@type": "Article", "headline": "@Model.Title" }</script>
        </head></html>
        """, "Views/Blog/Post.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO511ArticleStructuredDataIncomplete>("""
        <script type="application/ld+json">{ "@@type": [|"https://schema.org/Article"|], "headline": "x", "image": "https://acme.test/a.jpg" }</script>
        """, "Views/Blog/_ArticleData.cshtml");
}
