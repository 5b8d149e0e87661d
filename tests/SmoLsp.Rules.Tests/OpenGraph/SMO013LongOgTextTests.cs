using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO013LongOgTextTests
{
    private static readonly string s_title61 = new('t', 61);
    private static readonly string s_description201 = new('d', 201);

    [Fact]
    public void Reports_a_title_over_60_characters_as_info()
    {
        var diagnostics = RuleVerifier.Verify<SMO013LongOgText>($$"""
            <html>
              <head>
                <meta property="og:title" content="[|{{s_title61}}|]">
              </head>
            </html>
            """);
        var d = diagnostics.ShouldHaveSingleItem();
        d.Severity.ShouldBe(DiagnosticSeverity.Info);
        d.Message.ShouldBe("og:title is 61 characters, over 60: share cards cut long titles, so put the point in the first 60 characters");
    }

    [Fact]
    public void Reports_a_description_over_200_characters()
    {
        var diagnostics = RuleVerifier.Verify<SMO013LongOgText>($$"""
            <html>
              <head>
                <meta property="og:description" content="[|{{s_description201}}|]">
              </head>
            </html>
            """);
        diagnostics.ShouldHaveSingleItem().Message.ShouldStartWith("og:description is 201 characters, over 200:");
    }

    [Fact]
    public void Silent_at_the_limits() => RuleVerifier.Verify<SMO013LongOgText>($$"""
        <html>
          <head>
            <meta property="og:title" content="{{new string('t', 60)}}">
            <meta property="og:description" content="{{new string('d', 200)}}">
          </head>
        </html>
        """);

    [Fact]
    public void Counts_what_readers_see()
    {
        // 56 letters, two collapsed spaces, "&amp;" (one character) and a family emoji (one grapheme): 60.
        var title = new string('a', 29) + "  &amp;\n  " + new string('b', 27) + "👨‍👩‍👧";
        RuleVerifier.Verify<SMO013LongOgText>($$"""
            <html><head><meta property="og:title" content="{{title}}"></head></html>
            """);
        RuleVerifier.Verify<SMO013LongOgText>($$"""
            <html><head><meta property="og:title" content="[|{{title}}x|]"></head></html>
            """);
    }

    [Fact]
    public void Dynamic_values_are_never_judged() => RuleVerifier.Verify<SMO013LongOgText>($$"""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:title" content="@Model.Title — {{s_title61}}" />
            <meta property="og:description" content="@ViewData["Description"] {{s_description201}}" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments() => RuleVerifier.Verify<SMO013LongOgText>($$"""
        <meta property="og:title" content="[|{{s_title61}}|]" />
        """, "Views/Shared/_Social.cshtml");

    [Fact]
    public void Thresholds_are_configurable() => RuleVerifier.Verify<SMO013LongOgText>($$"""
        <html>
          <head>
            <meta property="og:title" content="{{s_title61}}">
            <meta property="og:description" content="[|{{new string('d', 101)}}|]">
          </head>
        </html>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO013": { "titleMaxLength": 70, "descriptionMaxLength": 100 } } }"""));
}
