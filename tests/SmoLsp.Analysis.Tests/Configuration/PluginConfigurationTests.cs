using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Tests.Engine;

namespace SmoLsp.Analysis.Tests.Configuration;

/// <summary>The <c>plugins</c> key, and rule ids that only plugins know (validated in a second parse).</summary>
public sealed class PluginConfigurationTests
{
    private static readonly RuleDescriptor[] s_builtIn = [HeadRule.Rule, ReportEveryMetaRule.Rule];
    private static readonly RuleDescriptor s_acme = new("ACME001", "Price", "no price", RuleCategory.OpenGraph, DiagnosticSeverity.Warning,
        Thresholds: [new RuleThreshold("minimum", 0, "test")]);

    private const string WithPlugin = """
        {
          "rules": { "ACME001": { "severity": "error", "minimum": 3 }, "SMO990": "off" },
          "plugins": ["tools/AcmeRules.dll"]
        }
        """;

    [Fact]
    public void Plugins_are_kept_as_written_relative_to_the_file()
    {
        var result = ConfigurationParser.Parse(WithPlugin, "/site/smolsp.json", s_builtIn);

        result.Errors.ShouldBeEmpty();
        result.Configuration.Plugins.ShouldBe(["tools/AcmeRules.dll"]);
    }

    [Fact]
    public void Before_plugins_load_their_rule_ids_are_left_out_not_errors()
    {
        var result = ConfigurationParser.Parse(WithPlugin, "/site/smolsp.json", s_builtIn);

        result.Errors.ShouldBeEmpty();
        result.Configuration.Rules.Keys.ShouldBe(["SMO990"]);
    }

    [Fact]
    public void After_plugins_load_their_rules_are_configured_like_built_in_ones()
    {
        var result = ConfigurationParser.Parse(WithPlugin, "/site/smolsp.json", [.. s_builtIn, s_acme], allRulesKnown: true);

        result.Errors.ShouldBeEmpty();
        result.Configuration.GetRuleOptions("acme001").Severity.ShouldBe(RuleSeverity.Error);
        result.Configuration.GetRuleOptions("ACME001").Thresholds["minimum"].ShouldBe(3);
    }

    [Fact]
    public void After_plugins_load_an_id_no_rule_has_is_an_error()
    {
        var json = WithPlugin.Replace("ACME001", "ACME01", StringComparison.Ordinal);

        var error = ConfigurationParser.Parse(json, "/site/smolsp.json", [.. s_builtIn, s_acme], allRulesKnown: true).Errors.ShouldHaveSingleItem();

        error.Key.ShouldBe("rules.ACME01");
        error.Message.ShouldContain("unknown rule id");
    }

    [Fact]
    public void Unknown_SMO_ids_are_errors_even_before_plugins_load()
    {
        var json = WithPlugin.Replace("SMO990", "SMO999", StringComparison.Ordinal);

        ConfigurationParser.Parse(json, "/site/smolsp.json", s_builtIn).Errors.ShouldHaveSingleItem().Key.ShouldBe("rules.SMO999");
    }

    [Fact]
    public void Without_plugins_a_foreign_id_is_an_error()
    {
        var error = ConfigurationParser.Parse("""{ "rules": { "ACME001": "off" } }""", "/site/smolsp.json", s_builtIn).Errors.ShouldHaveSingleItem();

        error.Key.ShouldBe("rules.ACME001");
    }

    [Theory]
    [InlineData("""{ "plugins": "a.dll" }""", "array of strings")]
    [InlineData("""{ "plugins": [1] }""", "array of strings")]
    [InlineData("""{ "plugins": [""] }""", "path to a rule assembly")]
    public void Malformed_plugin_lists_are_errors(string json, string message) =>
        ConfigurationParser.Parse(json, "/site/smolsp.json", s_builtIn).Errors.ShouldHaveSingleItem().Message.ShouldContain(message);
}
