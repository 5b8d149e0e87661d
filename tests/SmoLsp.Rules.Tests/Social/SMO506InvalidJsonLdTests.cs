using SmoLsp.Rules.Social;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Social;

public sealed class SMO506InvalidJsonLdTests
{
    [Fact]
    public void Reports_at_the_position_of_the_error_inside_the_block()
    {
        var diagnostic = RuleVerifier.Verify<SMO506InvalidJsonLd>("""
            <html>
              <head>
                <script type="application/ld+json">
                {
                  "@context": "https://schema.org",
                  "@type": "Organization",
                  [|name|]: "Acme"
                }
                </script>
              </head>
            </html>
            """).Single();
        diagnostic.Message.ShouldStartWith("This JSON-LD block is not valid JSON ('n' is an invalid start of a property name");
    }

    [Fact]
    public void Trailing_comma_is_reported_where_it_breaks() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <script type="application/ld+json">{ "@type": "Person", "name": "Jane", [|}|]</script>
        """);

    [Fact]
    public void Position_is_exact_after_multi_byte_characters_and_surrogate_pairs() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <script type="application/ld+json">
        { "name": "Café 🎉 Zürich — ☕", "description": "ok" [|"url"|]: "https://acme.test" }
        </script>
        """);

    [Fact]
    public void Json_that_stops_early_is_reported_on_the_end_tag() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <script type="application/ld+json">{ "@type": "Person", "name": "Jane"
        [|</script>|]
        """);

    [Fact]
    public void Empty_block_is_reported_on_the_start_tag() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        [|<script type="application/ld+json">|]
        </script>
        """);

    [Fact]
    public void Comments_and_second_values_are_not_json() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <script type="application/ld+json">
        // Organization
        {}
        </script>
        <script type="application/ld+json">{} [|{|]}</script>
        """.Replace("// Organization", "[|//|] Organization", StringComparison.Ordinal));

    [Fact]
    public void Silent_for_valid_json_and_other_scripts() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <html>
          <head>
            <script type="application/ld+json">
            { "@context": "https://schema.org", "@graph": [ { "@type": "WebSite", "name": "Acme" } ] }
            </script>
            <script type="APPLICATION/LD+JSON">[ { "@type": "Person", "name": "Jane" } ]</script>
            <script>var notJson = { a: 1 };</script>
            <script type="application/json">{ not: json }</script>
          </head>
        </html>
        """);

    [Fact]
    public void Razor_json_ld_with_escaped_at_signs_is_read_decoded() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <script type="application/ld+json">
        { "@@context": "https://schema.org", "@@type": "Organization", "email": "info@acme.test" }
        </script>
        <script type="application/ld+json">
        { "@@context": "https://schema.org", "@@type": "Organization" [|"name"|]: "Acme" }
        </script>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Razor_json_ld_with_code_is_not_judged() => RuleVerifier.Verify<SMO506InvalidJsonLd>("""
        <script type="application/ld+json">
        { "@@context": "https://schema.org", "@@type": "Organization", "name": "@Model.Name", }
        </script>
        <script type="application/ld+json">@Html.Raw(Model.JsonLd)</script>
        """, "Views/Shared/_Layout.cshtml");
}
