using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO014ArticleTimeNotIso8601Tests
{
    private static string Article(string time) => $$"""
        <html>
          <head>
            <meta property="og:type" content="article">
            <meta property="article:published_time" content="{{time}}">
          </head>
        </html>
        """;

    [Fact]
    public void Reports_each_time_property_on_its_value()
    {
        var diagnostics = RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>("""
            <html>
              <head>
                <meta property="og:type" content="article">
                <meta property="article:published_time" content="[|March 1, 2024|]">
                <meta property="article:modified_time" content="[|01/03/2024|]">
                <meta property="article:expiration_time" content="[|2025-13-01|]">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("article:published_time \"March 1, 2024\" is not an ISO 8601 date-time, as ogp.me requires: write e.g. 2024-03-01 or 2024-03-01T09:30:00+01:00");
        diagnostics[2].Message.ShouldStartWith("article:expiration_time \"2025-13-01\" is not an ISO 8601 date-time, as ogp.me requires: month 13 does not exist;");
    }

    [Theory]
    [InlineData("2024-03-01")]
    [InlineData("2024-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("2024-03-01T09:30")]
    [InlineData("2024-03-01T09:30Z")]
    [InlineData("2024-03-01T09:30:00")]
    [InlineData("2024-03-01T09:30:00Z")]
    [InlineData("2024-03-01T09:30:00.123Z")]
    [InlineData("2024-03-01T09:30:00,5+01:00")]
    [InlineData("2024-03-01T09:30:00+01:00")]
    [InlineData("2024-03-01T09:30:00-05:30")]
    [InlineData("2024-03-01T09:30:00+0100")]
    [InlineData("2024-03-01T09:30:00+01")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2024-03-01t09:30:00z")]
    [InlineData("20240301")]
    [InlineData("20240301T0930")]
    [InlineData("20240301T093000+0100")]
    [InlineData(" 2024-03-01T09:30:00Z ")]
    public void Silent_for_iso_8601(string time) => RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>(Article(time));

    [Theory]
    [InlineData("2024", "year-month-day")]
    [InlineData("2024-03", "year-month-day")]
    [InlineData("2024-3-1", "year-month-day")]
    [InlineData("2023-02-29", "2023-02 has no day 29")]
    [InlineData("2024-04-31", "2024-04 has no day 31")]
    [InlineData("1900-02-29", "1900-02 has no day 29")]
    [InlineData("2024-03-01 09:30:00", "separate the date and the time with T")]
    [InlineData("2024-03-01T9:30", "the time needs hours and minutes")]
    [InlineData("2024-03-01T0930", "the time needs hours and minutes")]
    [InlineData("2024-03-01T24:00", "24:00:00 is not a time of day")]
    [InlineData("2024-03-01T09:60", "09:60:00 is not a time of day")]
    [InlineData("2024-03-01T09:30:00 GMT", "UTC offset")]
    [InlineData("2024-03-01T09:30:00+1:00", "UTC offset")]
    [InlineData("2024-03-01T09:30:00+01:", "UTC offset")]
    [InlineData("2024-03-01T09:30:00+25:00", "UTC offset")]
    [InlineData("2024-03-01T09:30:00.Z", "write e.g.")]
    [InlineData("2024-03-01Z", "write e.g.")]
    [InlineData("yesterday", "write e.g.")]
    [InlineData("2024-03-01T09:30:00ZZ", "write e.g.")]
    public void Reports_what_is_wrong(string time, string reason)
    {
        var diagnostics = RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>(Article($"[|{time}|]"));
        diagnostics.ShouldHaveSingleItem().Message.ShouldContain(reason);
    }

    [Fact]
    public void Silent_unless_og_type_is_article() => RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>("""
        <html>
          <head>
            <meta property="og:type" content="website">
            <meta property="article:published_time" content="March 1, 2024">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_type_is_dynamic() => RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="@ViewData["OgType"]" />
            <meta property="article:published_time" content="March 1, 2024" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Dynamic_times_are_not_judged() => RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="article" />
            <meta property="article:published_time" content="@Model.Published.ToString("o")" />
            <meta property="article:modified_time" content="@Model.Modified.ToString("MMMM d, yyyy")" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Fragment_with_its_own_og_type_is_judged() => RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>("""
        <meta property="og:type" content="article" />
        <meta property="article:published_time" content="[|2024-03-01 09:30|]" />
        """, "Views/Blog/_SocialTags.cshtml");

    [Fact]
    public void Fragment_without_og_type_is_not_judged() => RuleVerifier.Verify<SMO014ArticleTimeNotIso8601>("""
        <meta property="article:published_time" content="2024-03-01 09:30" />
        """, "Views/Blog/_ArticleTimes.cshtml");
}
