using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Plugins;

/// <summary>Trusted plugins' rules run in check exactly like built-in ones; untrusted plugins never load.</summary>
public sealed class PluginCheckTests : IDisposable
{
    private readonly PluginWorkspace _workspace = new();

    public PluginCheckTests()
    {
        _workspace.WriteConfig(_workspace.AddPlugin("AcmeRules"));
        _workspace.WritePage("site/anvils.html");
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void With_allow_plugins_the_plugins_rules_report_next_to_the_built_in_ones()
    {
        var run = _workspace.Check(allowPlugins: true);

        run.Stderr.ShouldBeEmpty();
        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.ProblemLines.ShouldBe([
            "workspace/site/anvils.html:3:5: warning ACME002 The title \"Anvils\" does not end with \"Acme\": Acme titles read \"Page | Acme\"",
            "workspace/site/anvils.html:4:5: warning ACME001 og:type is \"product\" but the page has no product:price:amount: catalog crawlers and rich pins drop products without a price",
            "workspace/site/anvils.html:5:3: warning SMO001 " + run.ProblemLines[2].Split(" SMO001 ")[1],
        ]);
    }

    [Fact]
    public void Without_trust_nothing_loads_the_message_says_how_to_trust_and_built_in_rules_still_run()
    {
        var run = _workspace.Check(allowPlugins: false);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.ProblemLines.ShouldHaveSingleItem().ShouldContain(" SMO001 ");
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[0].ShouldBe("workspace/smolsp.json: warning: not loading 1 plugin (tools/AcmeRules.dll): this folder is not trusted, and loading a plugin runs its code; the built-in rules still run");
        lines[1].ShouldBe($"  to trust it: pass --allow-plugins, or add \"{_workspace.Root}\" to \"trustedFolders\" in {_workspace.TrustedFoldersFile}");
    }

    [Fact]
    public void Untrusted_plugins_are_not_even_looked_at()
    {
        _workspace.WriteConfig("tools/missing.dll", "../outside.dll");

        var run = _workspace.Check(allowPlugins: false);

        run.ExitCode.ShouldBe(ExitCodes.Clean, "no file was checked, so nothing failed");
        run.Stderr.ShouldContain("not loading 2 plugins (tools/missing.dll, ../outside.dll)");
    }

    [Fact]
    public void A_trusted_folder_in_the_users_own_configuration_loads_plugins_without_the_flag()
    {
        _workspace.Trust(Path.GetDirectoryName(_workspace.Root)!);

        var run = _workspace.Check(allowPlugins: false);

        run.Stderr.ShouldBeEmpty();
        run.ProblemLines.ShouldContain(l => l.Contains(" ACME001 "));
    }

    [Fact]
    public void Severity_settings_apply_to_plugin_rules()
    {
        _workspace.WriteConfigJson("""
            {
              "rules": { "ACME001": "error", "acme002": "off" },
              "plugins": ["tools/AcmeRules.dll"]
            }
            """);

        var run = _workspace.Check();

        run.Stderr.ShouldBeEmpty();
        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.ProblemLines.ShouldContain(l => l.Contains(" error ACME001 "));
        run.ProblemLines.ShouldNotContain(l => l.Contains("ACME002"));
    }

    [Fact]
    public void A_misspelled_plugin_rule_id_is_a_configuration_error_once_plugins_load()
    {
        _workspace.WriteConfigJson("""{ "plugins": ["tools/AcmeRules.dll"], "rules": { "ACME0001": "off" } }""");

        var run = _workspace.Check();

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldBe("workspace/smolsp.json:1:50: error: 'rules.ACME0001': unknown rule id; `smolsp rules` lists them\n");
    }

    [Fact]
    public void Plugin_rule_settings_are_ignored_when_plugins_do_not_load()
    {
        _workspace.WriteConfigJson("""{ "plugins": ["tools/AcmeRules.dll"], "rules": { "ACME001": "error" } }""");

        var run = _workspace.Check(allowPlugins: false);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldContain("not loading 1 plugin");
    }

    [Fact]
    public void Inline_suppressions_cover_plugin_rules()
    {
        _workspace.WritePage("site/anvils.html", PluginWorkspace.ProductPage.Replace("    <title>", "    <!-- smolsp-disable-next-line ACME002 -- legacy page -->\n    <title>", StringComparison.Ordinal));

        var run = _workspace.Check();

        run.ProblemLines.ShouldNotContain(l => l.Contains("ACME002"));
        run.ProblemLines.ShouldContain(l => l.Contains("ACME001"));
    }

    [Fact]
    public void Fix_applies_plugin_safe_fixes_and_never_suggestions()
    {
        var run = _workspace.Check(new CheckOptions { AllowPlugins = true, Fix = true });

        run.Stderr.ShouldBeEmpty();
        var text = _workspace.Tree.Read("workspace/site/anvils.html");
        text.ShouldContain("<title>Anvils | Acme</title>");
        text.ShouldNotContain("product:price:amount", customMessage: "ACME001's fix is a suggestion (a placeholder price)");
        run.ProblemLines.ShouldNotContain(l => l.Contains("ACME002"));
        run.ProblemLines.ShouldContain(l => l.Contains("ACME001"));
    }

    [Fact]
    public void Rule_overrides_on_the_command_line_name_plugin_rules()
    {
        var off = _workspace.Check(new CheckOptions { AllowPlugins = true, RuleOverrides = [new("ACME002", Analysis.Configuration.RuleSeverity.Off)] });
        off.Stderr.ShouldBeEmpty();
        off.ProblemLines.ShouldNotContain(l => l.Contains("ACME002"));

        var unknown = _workspace.Check(new CheckOptions { AllowPlugins = true, RuleOverrides = [new("ACME999", Analysis.Configuration.RuleSeverity.Off)] });
        unknown.ExitCode.ShouldBe(ExitCodes.Error);
        unknown.Stderr.ShouldContain("--rule ACME999: unknown rule id");

        var untrusted = _workspace.Check(new CheckOptions { RuleOverrides = [new("ACME002", Analysis.Configuration.RuleSeverity.Off)] });
        untrusted.ExitCode.ShouldBe(ExitCodes.Error);
        untrusted.Stderr.ShouldContain("smolsp rules --allow-plugins");
    }

    [Fact]
    public void The_json_report_carries_plugin_diagnostics()
    {
        var run = _workspace.Check(new CheckOptions { AllowPlugins = true, Format = ReportFormat.Json });

        var messages = run.Json.EnumerateArray().Single().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("ruleId").GetString()).ToList();
        messages.ShouldBe(["ACME002", "ACME001", "SMO001"]);
    }

    [Fact]
    public void An_explicit_config_files_folder_is_the_workspace()
    {
        var run = _workspace.Check(new CheckOptions { AllowPlugins = true, ConfigFile = "workspace/smolsp.json", Paths = ["workspace/site/anvils.html"] });

        run.Stderr.ShouldBeEmpty();
        run.ProblemLines.ShouldContain(l => l.Contains(" ACME001 "));
    }
}
