using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Tests.Lsp;
using SmoLsp.Tests;

namespace SmoLsp.Server.Tests.Site;

/// <summary>
/// The hosts are thin shells over one site session, so over the whole corpus they must report the same problems:
/// <c>check</c>'s JSON report, the first report of <c>check --watch</c>, and the language server's workspace
/// diagnostics (what a pull client sees for every file it has not opened).
/// </summary>
public sealed class HostsAgreeTests
{
    /// <summary>One problem as every host can state it: file (relative, forward slashes), rule, severity, 1-based range, message.</summary>
    private sealed record Problem(string File, string Rule, string Severity, int Line, int Column, int EndLine, int EndColumn, string Message)
    {
        public override string ToString() => $"{File}:{Line}:{Column}-{EndLine}:{EndColumn} {Severity} {Rule} {Message}";
    }

    private static readonly AnalysisEngine s_engine = BuiltInRules.CreateEngine();

    [CorpusFact]
    public async Task Check_watch_and_the_language_server_report_the_same_problems_over_the_corpus()
    {
        var root = Corpus.Root!;
        var check = Check(root);
        check.Count.ShouldBeGreaterThan(500); // the corpus has plenty to say: an empty set would prove nothing
        check.Select(p => p.Rule).ShouldContain("SMO210"); // the cross-page rules are part of what must agree

        var watch = await WatchFirstReportAsync(root);
        Difference(check, watch).ShouldBeEmpty("check vs check --watch");

        var lsp = await LanguageServerAsync(root);
        Difference(check, lsp).ShouldBeEmpty("check vs the language server");
    }

    private static List<Problem> Check(string root)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = new CheckRunner(stdout, stderr, s_engine).Run(new CheckOptions { Paths = ["."], Format = ReportFormat.Json, WorkingDirectory = root });
        code.ShouldNotBe(ExitCodes.Error, stderr.ToString());
        var problems = new List<Problem>();
        foreach (var file in JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray())
        {
            var path = file.GetProperty("filePath").GetString()!;
            foreach (var m in file.GetProperty("messages").EnumerateArray())
            {
                problems.Add(new Problem(path, m.GetProperty("ruleId").GetString()!, m.GetProperty("severity").GetString()!, m.GetProperty("line").GetInt32(),
                    m.GetProperty("column").GetInt32(), m.GetProperty("endLine").GetInt32(), m.GetProperty("endColumn").GetInt32(), m.GetProperty("message").GetString()!));
            }
        }

        return problems;
    }

    private static async Task<List<Problem>> WatchFirstReportAsync(string root)
    {
        var runner = new WatchRunner(TextWriter.Null, TextWriter.Null, s_engine) { TrustedFoldersFile = null };
        var first = new TaskCompletionSource<IReadOnlyDictionary<string, IReadOnlyList<ReportMessage>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.Reported += report => first.TrySetResult(report);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => runner.Run(new CheckOptions { Paths = ["."], WorkingDirectory = root }, stop.Token));
        var report = await first.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        (await run).ShouldBe(ExitCodes.Clean);
        return [.. report.SelectMany(f => f.Value.Select(m =>
            new Problem(f.Key, m.RuleId, m.Severity.ToName(), m.Line, m.Column, m.EndLine, m.EndColumn, m.Message)))];
    }

    private static async Task<List<Problem>> LanguageServerAsync(string root)
    {
        await using var client = new LspTestClient(services => services.AddSingleton(s_engine));
        await client.InitializeAsync(Capabilities.VsCode, rootUri: WorkspaceTesting.UriOf(root));
        var report = await client.PullWorkspaceAsync();
        var problems = new List<Problem>();
        foreach (var (uri, item) in report)
        {
            var path = Path.GetRelativePath(root, new Uri(uri).LocalPath).Replace('\\', '/');
            foreach (var d in item["items"]!.AsArray())
            {
                var range = d!["range"]!;
                problems.Add(new Problem(path, (string)d["code"]!, Severity((int)d["severity"]!),
                    (int)range["start"]!["line"]! + 1, (int)range["start"]!["character"]! + 1, (int)range["end"]!["line"]! + 1, (int)range["end"]!["character"]! + 1,
                    (string)d["message"]!));
            }
        }

        await client.ShutdownAndExitAsync();
        return problems;
    }

    private static string Severity(int lsp) => lsp switch
    {
        1 => "error",
        2 => "warning",
        3 => "info",
        _ => "hint",
    };

    /// <summary>What one side has and the other lacks, as readable lines (empty when the multisets are equal).</summary>
    private static List<string> Difference(List<Problem> expected, List<Problem> actual)
    {
        var left = expected.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var right = actual.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var lines = new List<string>();
        foreach (var key in left.Keys.Union(right.Keys).OrderBy(k => k.ToString(), StringComparer.Ordinal))
        {
            var delta = left.GetValueOrDefault(key) - right.GetValueOrDefault(key);
            if (delta != 0)
            {
                lines.Add((delta > 0 ? "only in check: " : "missing from check: ") + key);
            }
        }

        return lines.Take(20).ToList();
    }
}
