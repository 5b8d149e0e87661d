using SmoLsp.Server.Cli;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Plugins;

/// <summary>
/// Every way a plugin can be wrong is a clear message and exit 2 (a configured plugin that did not load would
/// otherwise pass CI silently), never a crash; the built-in rules and the plugins that did load still run.
/// </summary>
public sealed class PluginFailureTests : IDisposable
{
    private readonly PluginWorkspace _workspace = new();

    public PluginFailureTests() => _workspace.WritePage("index.html");

    public void Dispose() => _workspace.Dispose();

    private CheckRun CheckWith(params string[] plugins)
    {
        _workspace.WriteConfig(plugins);
        return _workspace.Check(allowPlugins: true);
    }

    private static void ShouldFailWith(CheckRun run, string plugin, string message)
    {
        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain($"workspace/smolsp.json: error: plugin {plugin}: ");
        run.Stderr.ShouldContain(message);
        run.ProblemLines.ShouldContain(l => l.Contains(" SMO001 "), "the built-in rules still ran");
    }

    [Fact]
    public void A_missing_file()
    {
        var run = CheckWith("tools/AcmeRules.dll");

        ShouldFailWith(run, "tools/AcmeRules.dll", $"file not found: {Path.Combine(_workspace.Root, "tools", "AcmeRules.dll")} (build the plugin first");
    }

    [Fact]
    public void A_text_file_named_dll()
    {
        _workspace.Tree.Write("workspace/tools/Notes.dll", "these are not the rules you are looking for");

        ShouldFailWith(CheckWith("tools/Notes.dll"), "tools/Notes.dll", "not a .NET assembly");
    }

    [Fact]
    public void A_native_executable()
    {
        _workspace.Tree.WriteBytes("workspace/tools/native.dll", File.ReadAllBytes(Environment.ProcessPath!));

        ShouldFailWith(CheckWith("tools/native.dll"), "tools/native.dll", "not a .NET assembly");
    }

    [Fact]
    public void A_folder()
    {
        Directory.CreateDirectory(_workspace.Tree.PathOf("workspace/tools/AcmeRules"));

        ShouldFailWith(CheckWith("tools/AcmeRules"), "tools/AcmeRules", "is a folder; name the plugin's .dll");
    }

    [Fact]
    public void A_path_outside_the_workspace()
    {
        _workspace.Tree.WriteBytes("elsewhere/AcmeRules.dll", File.ReadAllBytes(PluginWorkspace.BuiltPlugin("AcmeRules")));

        var run = CheckWith("../elsewhere/AcmeRules.dll");

        ShouldFailWith(run, "../elsewhere/AcmeRules.dll", $"is outside the workspace ({_workspace.Root})");
        run.ProblemLines.ShouldNotContain(l => l.Contains("ACME"));
    }

    [Fact]
    public void An_absolute_path_outside_the_workspace()
    {
        ShouldFailWith(CheckWith(PluginWorkspace.BuiltPlugin("AcmeRules")), PluginWorkspace.BuiltPlugin("AcmeRules"), "is outside the workspace");
    }

    [Fact]
    public void A_symbolic_link_inside_the_workspace_that_points_outside()
    {
        Directory.CreateDirectory(_workspace.Tree.PathOf("workspace/tools"));
        File.CreateSymbolicLink(_workspace.Tree.PathOf("workspace/tools/AcmeRules.dll"), PluginWorkspace.BuiltPlugin("AcmeRules"));

        ShouldFailWith(CheckWith("tools/AcmeRules.dll"), "tools/AcmeRules.dll", "is outside the workspace");
    }

    [Fact]
    public void A_plugin_built_against_another_rule_api_version_never_runs()
    {
        var image = File.ReadAllBytes(PluginWorkspace.BuiltPlugin("AcmeRules"));
        _workspace.Tree.WriteBytes("workspace/tools/AcmeRules.dll", PluginWorkspace.WithRuleApiVersion(image, 2, 0));

        var run = CheckWith("tools/AcmeRules.dll");

        ShouldFailWith(run, "tools/AcmeRules.dll", $"built against rule API 2 (SmoLsp.Analysis 2.0.0), but this smolsp provides rule API 1 (SmoLsp.Analysis {Analysis.Rules.RuleApi.AssemblyVersion.ToString(3)}): rebuild the plugin against SmoLsp.Analysis 1.x");
        run.ProblemLines.ShouldNotContain(l => l.Contains("ACME"));
    }

    [Fact]
    public void A_plugin_built_against_a_newer_minor_version_of_the_api_is_refused_too()
    {
        var image = File.ReadAllBytes(PluginWorkspace.BuiltPlugin("AcmeRules"));
        _workspace.Tree.WriteBytes("workspace/tools/AcmeRules.dll", PluginWorkspace.WithRuleApiVersion(image, 1, (ushort)(Analysis.Rules.RuleApi.AssemblyVersion.Minor + 1)));

        ShouldFailWith(CheckWith("tools/AcmeRules.dll"), "tools/AcmeRules.dll", $"no newer than 1.{Analysis.Rules.RuleApi.AssemblyVersion.Minor}");
    }

    [Fact]
    public void The_rule_api_itself_is_not_a_plugin()
    {
        _workspace.Tree.WriteBytes("workspace/tools/SmoLsp.Analysis.dll", File.ReadAllBytes(typeof(Analysis.Rules.Rule).Assembly.Location));

        ShouldFailWith(CheckWith("tools/SmoLsp.Analysis.dll"), "tools/SmoLsp.Analysis.dll", "SmoLsp.Analysis is part of smolsp itself");
    }

    [Fact]
    public void An_assembly_without_rules()
    {
        _workspace.Tree.WriteBytes("workspace/tools/Shouldly.dll", File.ReadAllBytes(typeof(ShouldBeTestExtensions).Assembly.Location));

        ShouldFailWith(CheckWith("tools/Shouldly.dll"), "tools/Shouldly.dll", "does not reference SmoLsp.Analysis");
    }

    [Fact]
    public void Two_plugins_declaring_the_same_rule_ids()
    {
        var first = _workspace.AddPlugin("AcmeRules", "tools/v1");
        var second = _workspace.AddPlugin("AcmeRules", "tools/v2");

        var run = CheckWith(first, second);

        ShouldFailWith(run, second, "rule id ACME001 (AcmeRules.ACME001ProductPageNeedsPrice) is already defined by plugin tools/v1/AcmeRules.dll; not loaded");
        run.Stderr.ShouldContain("rule id ACME002 (AcmeRules.ACME002TitleEndsWithBrand) is already defined by plugin tools/v1/AcmeRules.dll");
        run.ProblemLines.Count(l => l.Contains(" ACME001 ")).ShouldBe(1, "the first plugin's rules run");
    }

    [Fact]
    public void The_same_plugin_listed_twice_loads_once()
    {
        var acme = _workspace.AddPlugin("AcmeRules");

        var run = CheckWith(acme, "tools/../tools/AcmeRules.dll");

        run.Stderr.ShouldBe("workspace/smolsp.json: warning: plugin tools/../tools/AcmeRules.dll: is listed twice; loaded once\n");
        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.ProblemLines.Count(l => l.Contains(" ACME001 ")).ShouldBe(1);
    }

    [Fact]
    public void Rule_types_that_cannot_be_loaded_are_named_one_by_one_and_the_good_ones_run()
    {
        var broken = _workspace.AddPlugin("BrokenRules");

        var run = CheckWith(broken);

        run.ExitCode.ShouldBe(ExitCodes.Error);
        var errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors.ShouldBe([
            "workspace/smolsp.json: error: plugin tools/BrokenRules.dll: BrokenRules.BROKEN002ConstructorThrows: creating it (its constructor, or reading its Descriptor) threw InvalidOperationException: constructor says no",
            "workspace/smolsp.json: error: plugin tools/BrokenRules.dll: BrokenRules.BROKEN004ReservedPrefix: 'SMO777' uses the prefix SMO, which is reserved for SmoLsp's own rules: choose your own (e.g. ACME001)",
            "workspace/smolsp.json: error: plugin tools/BrokenRules.dll: BrokenRules.BROKEN005NoParameterlessConstructor has no public parameterless constructor, so it cannot be created",
            "workspace/smolsp.json: error: plugin tools/BrokenRules.dll: BrokenRules.BROKEN006SameIdAsFine: rule id BROKEN001 is declared twice in this plugin",
            "workspace/smolsp.json: error: plugin tools/BrokenRules.dll: rule BROKEN003: Initialize threw InvalidOperationException: initialize says no; it does not run",
        ], ignoreOrder: true);
        run.ProblemLines.ShouldContain(l => l.Contains(" info BROKEN001 "));
        run.ProblemLines.ShouldContain(l => l.Contains(" SMO001 "));
    }

    [Fact]
    public void A_rule_that_throws_becomes_SMO900_on_that_document_only()
    {
        _workspace.WritePage("throws.html", PluginWorkspace.ProductPage.Replace("<title>", "<title>throw-here ", StringComparison.Ordinal));

        var run = CheckWith(_workspace.AddPlugin("UnrulyRules"));

        run.Stderr.ShouldBeEmpty();
        run.ProblemLines.ShouldContain("workspace/throws.html:1:1: warning SMO900 Rule UNRULY002 failed on this document and was skipped: InvalidOperationException: unruly rule threw");
        run.ProblemLines.Count(l => l.Contains(" UNRULY001 ")).ShouldBe(2, "the plugin's other rule ran on both pages");
        run.ProblemLines.Count(l => l.Contains(" SMO900 ")).ShouldBe(1);
    }

    [Fact]
    public void A_rule_that_hangs_is_abandoned_after_its_budget_reported_and_disabled_for_the_rest_of_the_run()
    {
        _workspace.WritePage("hangs.html", PluginWorkspace.ProductPage.Replace("<title>", "<title>hang-here ", StringComparison.Ordinal));

        _workspace.WriteConfig(_workspace.AddPlugin("UnrulyRules"));
        var run = _workspace.Check(new CheckOptions { AllowPlugins = true, Parallelism = 1 }, new PluginWatchdog(TimeSpan.FromMilliseconds(300)));

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.ProblemLines.ShouldContain("workspace/hangs.html:1:1: warning SMO900 Rule UNRULY003 failed on this document and was skipped: it exceeded its time budget (300 ms) and is disabled for the rest of the run");
        run.ProblemLines.ShouldNotContain(l => l.Contains(" warning UNRULY003 "), "what it reported before the budget ran out is dropped");
        run.ProblemLines.Count(l => l.Contains(" UNRULY001 ")).ShouldBe(2);
        run.Stderr.ShouldBe("workspace/smolsp.json: warning: plugin tools/UnrulyRules.dll: rule UNRULY003 exceeded its time budget (300 ms) on workspace/hangs.html, so it was disabled: files after that one were not checked by it\n");
    }
}
