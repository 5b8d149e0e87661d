using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Tests.Engine;

namespace SmoLsp.Analysis.Tests.Configuration;

public sealed class ConfigurationParserTests
{
    private static readonly RuleDescriptor[] s_rules = [HeadRule.Rule, ReportEveryMetaRule.Rule];

    private static ConfigurationResult Parse(string json) => ConfigurationParser.Parse(json, "/site/smolsp.json", s_rules);

    [Fact]
    public void A_full_configuration_parses()
    {
        var result = Parse("""
            {
              // comments and trailing commas are fine
              "$schema": "./smolsp.schema.json",
              "siteUrl": "https://acme.test/",
              "siteName": "Acme",
              "twitterSite": "@acme",
              "profiles": ["https://github.com/acme", "https://x.com/acme"],
              "webRoot": "wwwroot",
              "defaultImage": "/img/share.png",
              "include": ["**/*.cshtml"],
              "exclude": ["legacy/**"],
              "rules": { "SMO990": "off", "smo992": { "severity": "error", "limit": 12 } },
            }
            """);
        result.Errors.ShouldBeEmpty();
        var c = result.Configuration;
        c.SiteUrl.ShouldBe("https://acme.test");
        c.TwitterSite.ShouldBe("@acme");
        c.Profiles.Count.ShouldBe(2);
        c.Exclude.ShouldBe(["legacy/**"]);
        c.GetRuleOptions("SMO990").Severity.ShouldBe(RuleSeverity.Off);
        c.GetRuleOptions("SMO992").Severity.ShouldBe(RuleSeverity.Error);
        c.GetRuleOptions("SMO992").Thresholds["limit"].ShouldBe(12);
        c.SourcePath.ShouldBe("/site/smolsp.json");
    }

    [Theory]
    [InlineData("{\n  \"siteUrl\": \"https://a.test\",\n  \"sitename\": \"x\"\n}", 3, "sitename", "did you mean 'siteName'")]
    [InlineData("{\n\n  \"bogus\": 1\n}", 3, "bogus", "unknown setting")]
    [InlineData("{\n  \"rules\": {\n    \"SMO999\": \"off\"\n  }\n}", 3, "rules.SMO999", "unknown rule")]
    [InlineData("{\n  \"rules\": {\n    \"SMO990\": \"loud\"\n  }\n}", 3, "rules.SMO990", "not a severity")]
    [InlineData("{\n  \"rules\": { \"SMO992\": {\n    \"limt\": 3 } }\n}", 3, "rules.SMO992.limt", "known: severity, limit")]
    [InlineData("{\n  \"rules\": { \"SMO992\": { \"limit\": \"3\" } }\n}", 2, "rules.SMO992.limit", "non-negative number")]
    [InlineData("{\n  \"siteUrl\": \"acme.test\"\n}", 2, "siteUrl", "absolute http(s) URL")]
    [InlineData("{\n  \"twitterSite\": \"https://x.com/acme\"\n}", 2, "twitterSite", "X handle")]
    [InlineData("{\n  \"profiles\": \"https://x.com/acme\"\n}", 2, "profiles", "array of strings")]
    [InlineData("{\n  \"siteName\": 42\n}", 2, "siteName", "must be a string")]
    public void Errors_name_the_file_line_and_key(string json, int line, string key, string message)
    {
        var error = Parse(json).Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("/site/smolsp.json");
        error.Line.ShouldBe(line);
        error.Key.ShouldBe(key);
        error.Message.ShouldContain(message);
        error.ToString().ShouldStartWith($"/site/smolsp.json:{line}:");
    }

    [Theory]
    [InlineData("{ \"siteUrl\": ", "invalid JSON")]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{} {}", "after a single JSON value")]
    [InlineData("\uFEFF{ \"siteName\": \"BOM is fine\" } x", "invalid JSON")]
    public void Malformed_files_are_one_clear_error(string json, string message)
    {
        var result = Parse(json);
        result.Errors.ShouldHaveSingleItem().Message.ShouldContain(message);
    }

    [Fact]
    public void Invalid_json_reports_its_line()
    {
        var error = Parse("{\n  \"siteName\": \"a\",\n  \"siteUrl\" \"b\"\n}").Errors.Single();
        error.Line.ShouldBe(3);
    }
}
