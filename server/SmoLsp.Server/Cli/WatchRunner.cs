using System.Runtime.InteropServices;
using System.Threading.Channels;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>
/// <c>smolsp check --watch [PATH...]</c>: checks the site once, prints its problems, then watches the files and
/// prints only what changed — problems that appeared (<c>+</c>) and problems that went away (<c>-</c>), in the
/// <c>check</c> text format, then one summary line. No time stamps, so the output is testable and diffable. A thin
/// shell over the <see cref="SiteSession"/>, which decides what a change affects (the file itself, the pages that read
/// it, the cross-page rules), exactly as it does for the language server. Runs until Ctrl+C or SIGTERM (exit 0).
/// </summary>
public sealed class WatchRunner
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly AnalysisEngine _engine;

    // Formats one problem exactly as `check` prints it (no colour: +/- lines are meant to be read and diffed).
    private readonly TextReportWriter _format;

    // Run state: one run per instance. Every page's own problems, and the cross-page ones, by display path.
    private readonly Dictionary<string, (string Display, IReadOnlyList<ReportMessage> Messages)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReportMessage>> _crossPage = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedErrors = new(StringComparer.Ordinal);
    private string _cwd = string.Empty;

    public WatchRunner(TextWriter stdout, TextWriter stderr, AnalysisEngine? engine = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _engine = engine ?? CheckRunner.DefaultEngine;
        _format = new TextReportWriter(new ReportContext(_engine.Descriptors, Environment.CurrentDirectory));
    }

    /// <summary>How long the file system must be quiet before a batch of changes is checked.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The user's trusted-folders file (see <see cref="PluginTrust"/>); tests point it elsewhere.</summary>
    public string? TrustedFoldersFile { get; init; } = PluginTrust.DefaultTrustedFoldersFile();

    /// <summary>Raised after the first check and after every batch, with the number of files re-checked (tests wait on it).</summary>
    public event Action<int>? BatchDone;

    /// <summary>Raised with every file's problems (display path: own and cross-page) each time the report is printed; tests compare hosts with it.</summary>
    public event Action<IReadOnlyDictionary<string, IReadOnlyList<ReportMessage>>>? Reported;

    /// <summary>Checks, then watches until <paramref name="cancellationToken"/>, Ctrl+C or SIGTERM; returns the exit code.</summary>
    public int Run(CheckOptions options, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = Register(PosixSignal.SIGINT, stop);
        using var sigterm = Register(PosixSignal.SIGTERM, stop);
        try
        {
            return RunCore(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _stderr.WriteLine("smolsp: stopped watching");
            return ExitCodes.Clean;
        }
        catch (Exception ex)
        {
            _stderr.WriteLine($"smolsp: internal error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Error;
        }
        finally
        {
            _stdout.Flush();
        }
    }

    /// <summary>Ctrl+C and SIGTERM end the watch cleanly (exit 0) instead of killing the process.</summary>
    private static PosixSignalRegistration? Register(PosixSignal signal, CancellationTokenSource stop)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private int RunCore(CheckOptions options, CancellationToken token)
    {
        // --fix: writing files while watching them would re-trigger the watch on its own edits.
        var usage = options.Fix || options.FixDryRun ? "--watch cannot be combined with --fix"
            : options.EffectiveReports.Any(r => r.Format != ReportFormat.Text || r.File is not null) ? "--watch prints text only; use --format text (the default)"
            : options.Stdin ? "--watch watches files; it cannot read --stdin"
            : null;
        if (usage is not null)
        {
            _stderr.WriteLine("smolsp: error: " + usage);
            return ExitCodes.Error;
        }

        _cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!CheckSession.ResolveOverrides(options.RuleOverrides, _engine.Descriptors, _stderr, out var overrides))
        {
            return ExitCodes.Error;
        }

        using var plugins = new PluginHost(_engine, new PluginTrust(options.AllowPlugins, TrustedFoldersFile));

        // Configuration errors at the start are usage errors, as for check; later ones are reported and waited out.
        if (CheckSession.Start(options, _cwd, overrides, _engine, plugins, _stderr) is not { } check)
        {
            return ExitCodes.Error;
        }

        foreach (var note in check.Notes.Where(n => !options.Quiet))
        {
            _stderr.WriteLine(note);
        }

        var site = check.Site;
        var channel = Channel.CreateUnbounded<SiteFileBatch>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new SiteFileWatcher(Debounce, batch => channel.Writer.TryWrite(batch));
        foreach (var folder in site.Folders)
        {
            watcher.WatchTree(folder);
        }

        foreach (var file in site.NamedFiles)
        {
            watcher.WatchFolder(Path.GetDirectoryName(file)!);
        }

        // Watchers first, then the check: a file saved during the first check is caught by the first batch.
        var before = Snapshot();
        Check(site, check.Pages, options.Parallelism, token);
        WatchDependencies(site, watcher);
        PrintChanges(before, "watching");
        BatchDone?.Invoke(check.Pages.Count);

        while (!token.IsCancellationRequested)
        {
            var batch = new SiteBatch();
            var next = channel.Reader.ReadAsync(token).AsTask().GetAwaiter().GetResult();
            do
            {
                // Take everything queued: one re-check for a burst.
                batch.Changes.AddRange(next.Changes);
                batch.CheckAll |= next.Overflowed;
            }
            while (channel.Reader.TryRead(out next));

            var snapshot = Snapshot();
            var plan = site.Plan(batch, cancellationToken: token);
            WriteProblems(plan.Problems);
            foreach (var gone in plan.Removed)
            {
                _files.Remove(gone);
            }

            Check(site, plan.Check, options.Parallelism, token);
            WatchDependencies(site, watcher);
            PrintChanges(snapshot, null);
            BatchDone?.Invoke(plan.Check.Count);
        }

        _stderr.WriteLine("smolsp: stopped watching");
        return ExitCodes.Clean;
    }

    /// <summary>Analyzes pages through the session and keeps their problems in report form; then the cross-page findings.</summary>
    private void Check(SiteSession site, IReadOnlyList<string> pages, int parallelism, CancellationToken token)
    {
        var results = site.AnalyzeAll(pages, parallelism, analysis => (analysis, Messages: Messages(analysis)), token);
        foreach (var (analysis, messages) in results)
        {
            if (analysis.NotFound)
            {
                _files.Remove(analysis.Path);
            }
            else if (!analysis.Settings.Success)
            {
                ReportErrors(analysis.Settings.Errors); // a broken smolsp.json: keep what was reported until it is fixed
            }
            else
            {
                _files[analysis.Path] = (Display(analysis.Path), messages);
            }
        }

        _crossPage.Clear();
        foreach (var finding in site.CrossPageFindings())
        {
            if (finding.Suppression is null && _files.TryGetValue(finding.Path, out var file))
            {
                if (!_crossPage.TryGetValue(file.Display, out var list))
                {
                    _crossPage[file.Display] = list = [];
                }

                list.Add(ReportMessages.Of(finding, file.Display, _cwd));
            }
        }
    }

    private IReadOnlyList<ReportMessage> Messages(PageAnalysis analysis)
    {
        if (analysis.Result is { } result)
        {
            return ReportMessages.Of(result, Display(analysis.Path)).Active;
        }

        // The engine failed: its SMO900 is the page's one problem, as the editor shows it.
        return analysis.Failure is null ? [] : [new ReportMessage(EngineRules.RuleFailure.Id, EngineRules.RuleFailure.DefaultSeverity, analysis.Diagnostics[0].Message, 1, 1, 1, 1)];
    }

    /// <summary>Pages may read files outside the watched folders (a shared layout, an image): watch those folders too.</summary>
    private void WatchDependencies(SiteSession site, SiteFileWatcher watcher)
    {
        foreach (var file in _files.Keys)
        {
            foreach (var dependency in site.Graph.DependenciesOf(file))
            {
                if (!watcher.IsWatched(dependency) && Path.GetDirectoryName(dependency) is { } directory && site.Files.Kind(directory) == FileKind.Directory)
                {
                    watcher.WatchFolder(directory);
                }
            }
        }
    }

    private void WriteProblems(IEnumerable<WalkProblem> problems)
    {
        foreach (var problem in problems)
        {
            _stderr.WriteLine($"{Display(problem.Path)}: warning: {problem.Message}");
        }
    }

    private void ReportErrors(IReadOnlyList<ConfigurationError> errors)
    {
        foreach (var error in errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column))
        {
            var line = ReportMessages.Format(error, Display);
            if (_reportedErrors.Add(line))
            {
                _stderr.WriteLine(line);
            }
        }
    }

    private string Display(string path) => SitePaths.Display(path, _cwd);

    private Dictionary<string, IReadOnlyList<ReportMessage>> Snapshot()
    {
        var snapshot = new Dictionary<string, IReadOnlyList<ReportMessage>>(StringComparer.Ordinal);
        foreach (var (display, messages) in _files.Values)
        {
            snapshot[display] = _crossPage.TryGetValue(display, out var cross) ? [.. messages, .. cross] : messages;
        }

        return snapshot;
    }

    /// <summary>
    /// Prints the problems that appeared (<c>+</c>) and went away (<c>-</c>) since <paramref name="before"/>, then the
    /// totals. A problem that only moved (lines inserted above it) is neither: problems are matched by file, rule and
    /// message first, then by position. Nothing is printed when nothing changed, except the first time.
    /// </summary>
    private void PrintChanges(Dictionary<string, IReadOnlyList<ReportMessage>> before, string? firstLine)
    {
        var after = Snapshot();
        var lines = new List<(string Path, ReportMessage Message, char Sign)>();
        foreach (var path in before.Keys.Union(after.Keys))
        {
            var old = before.GetValueOrDefault(path) ?? [];
            var now = after.GetValueOrDefault(path) ?? [];
            foreach (var group in old.Select(m => (m, Old: true)).Concat(now.Select(m => (m, Old: false))).GroupBy(x => (x.m.RuleId, x.m.Message)))
            {
                var o = group.Where(x => x.Old).Select(x => x.m).ToList();
                var n = group.Where(x => !x.Old).Select(x => x.m).ToList();
                foreach (var m in o.ToList())
                {
                    var same = n.FindIndex(x => SamePlace(x, m));
                    if (same >= 0)
                    {
                        n.RemoveAt(same);
                        o.Remove(m);
                    }
                }

                var moved = Math.Min(o.Count, n.Count);
                lines.AddRange(o.Skip(moved).Select(m => (path, m, '-')));
                lines.AddRange(n.Skip(moved).Select(m => (path, m, '+')));
            }
        }

        if (lines.Count == 0 && firstLine is null)
        {
            return;
        }

        Reported?.Invoke(after);
        lines.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Path, b.Path);
            c = c != 0 ? c : a.Message.Line.CompareTo(b.Message.Line);
            c = c != 0 ? c : a.Message.Column.CompareTo(b.Message.Column);
            c = c != 0 ? c : a.Sign.CompareTo(b.Sign); // '+' before '-' at the same place
            return c != 0 ? c : string.CompareOrdinal(a.Message.RuleId, b.Message.RuleId);
        });
        foreach (var (path, message, sign) in lines)
        {
            _stdout.Write(sign);
            _stdout.Write(' ');
            _stdout.Write(_format.FormatFile(new FileReport(path, [message], [])).TrimEnd('\n'));
            _stdout.Write('\n');
        }

        var added = lines.Count(l => l.Sign == '+');
        var resolved = lines.Count(l => l.Sign == '-');
        var all = after.Values.SelectMany(m => m).ToList();
        var totals = all.Count == 0
            ? "no problems"
            : $"{TextReportWriter.Plural(all.Count, "problem")} ({string.Join(", ", new[] { (DiagnosticSeverity.Error, "error"), (DiagnosticSeverity.Warning, "warning"), (DiagnosticSeverity.Info, "info"), (DiagnosticSeverity.Hint, "hint") }.Where(s => all.Any(m => m.Severity == s.Item1)).Select(s => TextReportWriter.Plural(all.Count(m => m.Severity == s.Item1), s.Item2)))}) in {TextReportWriter.Plural(after.Count(f => f.Value.Count > 0), "file")}";
        var head = firstLine is not null
            ? $"Watching {TextReportWriter.Plural(after.Count, "file")}: {totals}. Press Ctrl+C to stop."
            : $"{added} new, {resolved} resolved: {totals}.";
        _stdout.Write(head + "\n");
        _stdout.Flush();
    }

    /// <summary>The same problem at the same place (fingerprints and related locations aside: they carry no position of their own).</summary>
    private static bool SamePlace(ReportMessage a, ReportMessage b) =>
        a.RuleId == b.RuleId && a.Severity == b.Severity && a.Message == b.Message && a.Line == b.Line && a.Column == b.Column && a.EndLine == b.EndLine && a.EndColumn == b.EndColumn;
}
