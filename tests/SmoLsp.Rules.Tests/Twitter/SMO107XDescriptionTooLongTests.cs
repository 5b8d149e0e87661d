using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO107XDescriptionTooLongTests
{
    // 203 characters.
    private const string LongDescription = "Acme makes hand-made widgets, gadgets and gizmos for every workshop, garage and kitchen. Every piece is cut, turned and finished by hand in our workshop in Springfield, and shipped in recycled packaging.";

    private const string ShortDescription = "Hand-made widgets, gadgets and gizmos, cut and finished by hand in Springfield.";

    [Fact]
    public void Reports_long_twitter_description() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <html>
          <head>
            <meta name="twitter:description" [|content="{{LongDescription}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Reports_long_og_description_without_twitter_description() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <html>
          <head>
            <meta name="description" content="{{ShortDescription}}">
            <meta property="og:description" [|content="{{LongDescription}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Reports_long_meta_description_as_last_resort() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <html>
          <head>
            <meta name="description" [|content="{{LongDescription}}"|]>
          </head>
        </html>
        """);

    [Fact]
    public void Short_twitter_description_overrides() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <html>
          <head>
            <meta name="description" content="{{LongDescription}}">
            <meta property="og:description" content="{{LongDescription}}">
            <meta name="twitter:description" content="{{ShortDescription}}">
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_values_are_never_judged() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <!DOCTYPE html>
        <html>
        <head>
            <meta name="description" content="{{LongDescription}}" />
            <meta property="og:description" content="@Model.Summary" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void In_fragments_judges_only_twitter_description() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <HeadContent>
            <meta name="description" content="{{LongDescription}}" />
            <meta name="twitter:description" [|content="{{LongDescription}}"|] />
        </HeadContent>
        """, "Components/Pages/Widgets.razor");

    [Fact]
    public void Threshold_is_configurable() => RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
        <html>
          <head>
            <meta name="twitter:description" content="{{LongDescription}}">
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO107": { "maxLength": 250 } } }"""));

    [Fact]
    public void Message_gives_length_limit_and_source()
    {
        var diagnostic = RuleVerifier.Verify<SMO107XDescriptionTooLong>($$"""
            <html>
              <head>
                <meta property="og:description" [|content="{{LongDescription}}"|]>
              </head>
            </html>
            """).Single();
        diagnostic.Message.ShouldContain("203 characters");
        diagnostic.Message.ShouldContain("limit of 200");
        diagnostic.Message.ShouldContain("og:description");
    }
}
