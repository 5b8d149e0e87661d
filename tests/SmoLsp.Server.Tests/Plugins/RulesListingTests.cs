using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Plugins;

/// <summary><c>smolsp rules</c> lists a trusted workspace's plugin rules with their origin.</summary>
public sealed class RulesListingTests : IDisposable
{
    private readonly PluginWorkspace _workspace = new();

    public RulesListingTests() => _workspace.WriteConfig(_workspace.AddPlugin("AcmeRules"));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void With_allow_plugins_the_table_has_the_plugin_rules_and_an_origin_column()
    {
        var run = CheckRun.Cli("rules", "--allow-plugins", _workspace.Root);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldBeEmpty();
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("ID ");
        lines[0].ShouldContain(" ORIGIN ");
        lines.ShouldContain(l => l.StartsWith("ACME002 ", StringComparison.Ordinal) && l.Contains(" safe ") && l.Contains(" no ") && l.Contains("tools/AcmeRules.dll") && l.EndsWith("/AcmeRules/docs/ACME002.md", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("SMO001 ", StringComparison.Ordinal) && l.Contains(" built-in "));
    }

    [Fact]
    public void Json_lists_each_rules_origin()
    {
        var run = CheckRun.Cli("rules", "--format", "json", "--config", Path.Combine(_workspace.Root, "smolsp.json"), "--allow-plugins");

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        var rules = run.Json.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("origin").GetString());
        rules["ACME001"].ShouldBe("tools/AcmeRules.dll");
        rules["SMO001"].ShouldBe("built-in");
        rules.Count.ShouldBe(BuiltInRules.CreateEngine().Descriptors.Count + 2);
    }

    [Fact]
    public void Untrusted_it_lists_the_built_in_rules_and_says_why_not_the_plugins()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        var request = PluginCatalog.Request(_workspace.Root, null, allowPlugins: false, _workspace.TrustedFoldersFile)!;

        var result = PluginCatalog.Load(request, CheckRun.SingleRuleEngine, stderr, _workspace.Tree.Root);

        result.Success.ShouldBeTrue();
        result.Rules!.Engine.ShouldBeSameAs(CheckRun.SingleRuleEngine);
        stderr.ToString().ShouldStartWith("workspace/smolsp.json: warning: not loading 1 plugin (tools/AcmeRules.dll)");
    }

    [Fact]
    public void Without_a_workspace_nothing_is_read()
    {
        PluginCatalog.Request(null, null, allowPlugins: false).ShouldBeNull();
        CheckRun.Cli("rules").Stdout.Split('\n')[0].ShouldNotContain("ORIGIN");
    }

    [Fact]
    public void A_broken_plugin_exits_2_after_listing_what_loaded()
    {
        _workspace.WriteConfig("tools/AcmeRules.dll", "tools/missing.dll");

        var run = CheckRun.Cli("rules", "--allow-plugins", _workspace.Root);

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("plugin tools/missing.dll: file not found");
        run.Stdout.ShouldContain("ACME001");
    }
}
