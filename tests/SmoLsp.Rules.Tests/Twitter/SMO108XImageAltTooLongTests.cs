using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO108XImageAltTooLongTests
{
    private static readonly string s_alt421 = new('a', 421);
    private static readonly string s_alt420 = new('a', 420);

    [Fact]
    public void Reports_alt_over_420() => RuleVerifier.Verify<SMO108XImageAltTooLong>($$"""
        <html>
          <head>
            <meta name="twitter:image:alt" [|content="{{s_alt421}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Silent_at_420_and_for_og_image_alt() => RuleVerifier.Verify<SMO108XImageAltTooLong>($$"""
        <html>
          <head>
            <meta name="twitter:image:alt" content="{{s_alt420}}">
            <meta property="og:image:alt" content="{{s_alt421}}">
          </head>
        </html>
        """);

    [Fact]
    public void Reports_in_fragments_but_never_judges_dynamic_values() => RuleVerifier.Verify<SMO108XImageAltTooLong>($$"""
        <meta name="twitter:image:alt" content="@Model.ImageAlt {{s_alt421}}" />
        <meta property="twitter:image:alt" [|content="{{s_alt421}}"|] />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Threshold_is_configurable() => RuleVerifier.Verify<SMO108XImageAltTooLong>("""
        <meta name="twitter:image:alt" [|content="A widget on a workbench"|]>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO108": { "maxLength": 10 } } }"""));

    [Fact]
    public void Message_gives_length_and_limit()
    {
        var diagnostic = RuleVerifier.Verify<SMO108XImageAltTooLong>($$"""
            <meta name="twitter:image:alt" [|content="{{s_alt421}}"|]>
            """).Single();
        diagnostic.Message.ShouldContain("421 characters");
        diagnostic.Message.ShouldContain("limit of 420");
    }
}
