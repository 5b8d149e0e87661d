using System.Text.Json;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>The command line as parsed by System.CommandLine, in-process.</summary>
public sealed class CliTests
{
    [Fact]
    public void Version_prints_a_version_and_exits_0()
    {
        // smolsp's own version even in-process, where the entry assembly is the test host; SmolspProcessTests runs the real one.
        var run = CheckRun.Cli("--version");

        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldMatch(@"^\d+\.\d+\.\d+");
        run.Stdout.ShouldBe(Program.Version + "\n");
    }

    [Fact]
    public void Help_lists_the_check_options()
    {
        var run = CheckRun.Cli("check", "--help");

        run.ExitCode.ShouldBe(0);
        foreach (var option in new[] { "--format", "--fail-on", "--rule", "--quiet", "--fix", "--config" })
        {
            run.Stdout.ShouldContain(option);
        }
    }

    [Theory]
    [InlineData("check", "--no-such-option")]
    [InlineData("check", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("rules", "--format", "yaml")]
    public void Usage_errors_exit_2_with_a_message_on_stderr(params string[] args)
    {
        var run = CheckRun.Cli(args);

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldStartWith("smolsp: error: ");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Rules_json_lists_every_descriptor_with_its_metadata()
    {
        var run = CheckRun.Cli("rules", "--format", "json");

        run.ExitCode.ShouldBe(0);
        var rules = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToList();
        var engine = SmoLsp.Rules.BuiltInRules.CreateEngine();
        rules.Select(r => r.GetProperty("id").GetString()).ShouldBe(engine.Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal));
        foreach (var rule in rules)
        {
            var descriptor = engine.Descriptors.Single(d => d.Id == rule.GetProperty("id").GetString());
            rule.GetProperty("title").GetString().ShouldBe(descriptor.Title);
            rule.GetProperty("category").GetString().ShouldNotBeNullOrEmpty();
            rule.GetProperty("defaultSeverity").GetString().ShouldBe(descriptor.DefaultSeverity.ToName());
            rule.GetProperty("helpLink").GetString().ShouldBe(RuleDocs.Link(descriptor));
            rule.GetProperty("fixable").GetString().ShouldBeOneOf("none", "safe", "suggestion");
            rule.GetProperty("inDotnetBuild").GetBoolean().ShouldBe(!descriptor.ReadsLocalFiles);
        }

        // The analyzer package cannot read the image behind og:image; it runs the rules about the tags themselves.
        rules.Single(r => r.GetProperty("id").GetString() == "SMO408").GetProperty("inDotnetBuild").GetBoolean().ShouldBeFalse();
        rules.Single(r => r.GetProperty("id").GetString() == "SMO001").GetProperty("inDotnetBuild").GetBoolean().ShouldBeTrue();

        rules.Single(r => r.GetProperty("id").GetString() == "SMO001").GetProperty("fixable").GetString().ShouldBe("safe");
        rules.Single(r => r.GetProperty("id").GetString() == "SMO900").GetProperty("fixable").GetString().ShouldBe("none");

        // Thresholds are listed so editors can generate a smolsp.json schema from this output.
        foreach (var rule in rules)
        {
            var descriptor = engine.Descriptors.Single(d => d.Id == rule.GetProperty("id").GetString());
            rule.GetProperty("thresholds").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("default").GetDouble()))
                .ShouldBe(descriptor.ThresholdList.Select(t => ((string?)t.Name, t.DefaultValue)));
        }
    }

    [Fact]
    public void Rules_text_is_a_table_with_a_row_per_rule()
    {
        var run = CheckRun.Cli("rules");

        run.ExitCode.ShouldBe(0);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("ID ");
        lines.Length.ShouldBe(SmoLsp.Rules.BuiltInRules.CreateEngine().Descriptors.Count + 1);
        lines.ShouldContain(l => l.StartsWith("SMO001 ", StringComparison.Ordinal) && l.Contains("warning") && l.Contains("open-graph") && l.Contains("safe") && l.EndsWith("/SMO001.md", StringComparison.Ordinal));
        lines[0].ShouldContain(" BUILD ");
        string Build(string id) => lines.Single(l => l.StartsWith(id + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[4];
        Build("SMO001").ShouldBe("yes");
        Build("SMO408").ShouldBe("no");
    }
}
