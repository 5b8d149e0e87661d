using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Tests.Rules;

public sealed class RuleApiTests
{
    [Fact]
    public void The_api_version_is_the_assemblys_major_version()
    {
        // Plugins record the SmoLsp.Analysis version they were built against; the loader compares majors.
        typeof(Rule).Assembly.GetName().Version!.Major.ShouldBe(RuleApi.Version);
        RuleApi.AssemblyVersion.Major.ShouldBe(RuleApi.Version);
    }

    [Theory]
    [InlineData("1.0.0.0", "1.0.0.0", true)]
    [InlineData("1.0.0.0", "1.3.0.0", true)]
    [InlineData("1.2.0.0", "1.3.0.0", true)]
    [InlineData("1.4.0.0", "1.3.0.0", false)] // built against members this host may lack
    [InlineData("2.0.0.0", "1.0.0.0", false)]
    [InlineData("0.9.0.0", "1.0.0.0", false)]
    public void Compatible_means_same_major_and_no_newer_minor(string builtAgainst, string host, bool compatible) =>
        RuleApi.IsCompatible(Version.Parse(builtAgainst), Version.Parse(host)).ShouldBe(compatible);

    [Theory]
    [InlineData("ACME001", true, "")]
    [InlineData("AB1", true, "")]
    [InlineData("SMO001", false, "reserved")]
    [InlineData("SMOX001", false, "reserved")]
    [InlineData("acme001", false, "upper-case")]
    [InlineData("ACME", false, "upper-case")]
    [InlineData("ACME-001", false, "upper-case")]
    [InlineData("", false, "upper-case")]
    public void Plugin_rule_ids_have_their_own_prefix(string id, bool valid, string reason)
    {
        RuleApi.IsValidPluginRuleId(id, out var why).ShouldBe(valid);
        why.ShouldContain(reason);
    }

    [Fact]
    public void A_plugin_descriptor_keeps_its_own_help_link_and_built_in_links_stay_derived()
    {
        var plugin = new RuleDescriptor("ACME001", "t", "m", RuleCategory.OpenGraph, DiagnosticSeverity.Warning) { HelpLinkUri = "https://acme.example/rules/ACME001" };
        var builtIn = new RuleDescriptor("SMO001", "t", "m", RuleCategory.OpenGraph, DiagnosticSeverity.Warning);

        plugin.HelpLink.ShouldBe("https://acme.example/rules/ACME001");
        builtIn.HelpLink.ShouldBe(RuleDescriptor.DocsBaseUrl + "SMO001.md");
    }
}
