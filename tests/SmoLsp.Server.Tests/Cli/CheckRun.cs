using System.Text.Json;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>The result of one in-process <c>smolsp check</c>.</summary>
public sealed partial record CheckRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The text report's problem lines (<c>path:line:col: ...</c>): no blank separators, counts by rule or summary.</summary>
    public IReadOnlyList<string> ProblemLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(l => ProblemLine().IsMatch(l)).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\S[^:]*:\d+:\d+: ")]
    private static partial System.Text.RegularExpressions.Regex ProblemLine();

    public string SummaryLine => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();

    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>
    /// The host's behaviour is under test here, not the catalog: an engine with SMO001 alone keeps these tests'
    /// expected output independent of which other rules exist (each rule has its own tests).
    /// </summary>
    public static readonly AnalysisEngine SingleRuleEngine = new(BuiltInRules.All.Where(r => r.Descriptor.Id == "SMO001"));

    /// <summary>An engine with just these rules, for tests about reports that need more than one kind of finding.</summary>
    public static AnalysisEngine EngineWith(params string[] ids) => new(BuiltInRules.All.Where(r => ids.Contains(r.Descriptor.Id)));

    public static CheckRun Check(TempTree tree, CheckOptions options, DirectoryLister? lister = null, AnalysisEngine? engine = null, string? stdin = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var runner = new CheckRunner(stdout, stderr, engine ?? SingleRuleEngine, stdin is null ? null : new StringReader(stdin)) { DirectoryLister = lister };
        var code = runner.Run(options with { WorkingDirectory = options.WorkingDirectory ?? tree.Root });
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    public static CheckRun Check(TempTree tree, params string[] paths) => Check(tree, new CheckOptions { Paths = paths });

    /// <summary>A full command line through System.CommandLine, as <c>smolsp</c> would parse it.</summary>
    public static CheckRun Cli(params string[] args) => CliWithInput(null, args);

    public static CheckRun CliWithInput(string? stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, stdout, stderr, stdin is null ? null : new StringReader(stdin));
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }
}
