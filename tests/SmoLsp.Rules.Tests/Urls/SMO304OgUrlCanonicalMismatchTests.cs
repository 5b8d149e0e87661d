using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO304OgUrlCanonicalMismatchTests
{
    [Fact]
    public void Reports_on_og_url_with_the_canonical_as_related_location()
    {
        var diagnostic = RuleVerifier.Verify<SMO304OgUrlCanonicalMismatch>("""
            <html>
              <head>
                <link rel="canonical" href="https://acme.test/widgets/blue">
                <meta property="og:url" content="[|https://acme.test/widgets/red|]">
              </head>
            </html>
            """).Single();
        diagnostic.Message.ShouldBe("og:url 'https://acme.test/widgets/red' and the canonical link 'https://acme.test/widgets/blue' name different pages: Facebook counts shares at og:url, search engines index the canonical URL; make them the same");
        var related = diagnostic.RelatedLocations.Single();
        related.Span.Start.ShouldBe(diagnostic.Span.Start - "https://acme.test/widgets/blue\">\n    <meta property=\"og:url\" content=\"".Length);
    }

    [Theory]
    [InlineData("http://acme.test/widgets/blue", "https://acme.test/widgets/blue")]
    [InlineData("https://ACME.test/widgets/blue/", "https://acme.test/widgets/blue")]
    [InlineData("https://acme.test:443/widgets/blue", "https://acme.test/widgets/blue#reviews")]
    [InlineData("https://acme.test/", "https://acme.test")]
    [InlineData("https://acme.test/widgets/blue", "/widgets/blue/")]
    public void Silent_when_equal_after_normalising(string ogUrl, string canonical) => RuleVerifier.Verify<SMO304OgUrlCanonicalMismatch>($"""
        <html>
          <head>
            <link rel="canonical" href="{canonical}">
            <meta property="og:url" content="{ogUrl}">
          </head>
        </html>
        """);

    [Theory]
    [InlineData("https://www.acme.test/widgets/blue", "https://acme.test/widgets/blue")]
    [InlineData("https://acme.test/widgets/Blue", "https://acme.test/widgets/blue")]
    [InlineData("https://acme.test/widgets?color=blue", "https://acme.test/widgets")]
    [InlineData("https://acme.test:8080/widgets", "https://acme.test/widgets")]
    public void Reports_real_differences(string ogUrl, string canonical) => RuleVerifier.Verify<SMO304OgUrlCanonicalMismatch>($"""
        <html>
          <head>
            <link rel="canonical" href="{canonical}">
            <meta property="og:url" content="[|{ogUrl}|]">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_without_canonical_or_with_dynamic_values() => RuleVerifier.Verify<SMO304OgUrlCanonicalMismatch>("""
        <!DOCTYPE html>
        <html>
        <head>
            <link rel="canonical" href="@Context.Request.GetEncodedUrl()" />
            <meta property="og:url" content="https://acme.test/" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Alternatives_in_if_else_branches_are_compared_with_their_own_canonical() => RuleVerifier.Verify<SMO304OgUrlCanonicalMismatch>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (Model.IsBlue)
            {
                <link rel="canonical" href="https://acme.test/blue" />
                <meta property="og:url" content="https://acme.test/blue" />
            }
            else
            {
                <link rel="canonical" href="https://acme.test/red" />
                <meta property="og:url" content="https://acme.test/red" />
            }
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO304OgUrlCanonicalMismatch>("""
        <link rel="canonical" href="https://acme.test/a" />
        <meta property="og:url" content="[|https://acme.test/b|]" />
        """, "Views/Shared/_HeadTags.cshtml");
}
