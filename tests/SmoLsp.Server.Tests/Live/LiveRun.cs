using System.Text.Json;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site.Web;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Live;

/// <summary>Runs <c>smolsp check</c> in process against loopback servers, with every rule of the catalog.</summary>
internal static class LiveRun
{
    public static readonly AnalysisEngine Engine = BuiltInRules.CreateEngine();

    /// <summary>A check whose network is loopback only (whatever the pages name), with short timeouts unless <paramref name="options"/> sets them.</summary>
    public static CheckRun Check(string workingDirectory, CheckOptions options, WebOptions? web = null, AnalysisEngine? engine = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        web ??= new WebOptions { Timeout = TimeSpan.FromSeconds(5), TimeBudget = TimeSpan.FromSeconds(60) };
        var runner = new CheckRunner(stdout, stderr, engine ?? Engine);
        var code = runner.Run(options with { WorkingDirectory = workingDirectory, Web = web with { AllowAddress = System.Net.IPAddress.IsLoopback } });
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The JSON report as (path, rule, line, column, severity, message) rows.</summary>
    public static List<Finding> Findings(CheckRun run) =>
        [.. run.Json.EnumerateArray().SelectMany(file => file.GetProperty("messages").EnumerateArray().Select(m => new Finding(
            file.GetProperty("filePath").GetString()!,
            m.GetProperty("ruleId").GetString()!,
            m.GetProperty("line").GetInt32(),
            m.GetProperty("column").GetInt32(),
            m.GetProperty("severity").GetString()!,
            m.GetProperty("message").GetString()!)))];

    public static IReadOnlyList<string> Files(CheckRun run) => [.. run.Json.EnumerateArray().Select(f => f.GetProperty("filePath").GetString()!)];
}

internal sealed record Finding(string Path, string Rule, int Line, int Column, string Severity, string Message)
{
    /// <summary>What must agree between a file and the page served from it: the rule, the place and the severity.</summary>
    public (string Path, string Rule, int Line, int Column, string Severity) Key => (Path, Rule, Line, Column, Severity);
}
