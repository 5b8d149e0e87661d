using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules;
using SmoLsp.Server.Workspace;

namespace SmoLsp.Server.Cli;

/// <summary>
/// <c>smolsp check --watch [PATH...]</c>: checks the site once, prints its problems, then watches the files and
/// prints only what changed — problems that appeared (<c>+</c>) and problems that went away (<c>-</c>), in the
/// <c>check</c> text format, then one summary line. No time stamps, so the output is testable and diffable. A change
/// re-checks exactly what it affects, with the language server's dependency tracking: the file itself, the pages
/// that read it (layouts, <c>_ViewStart</c>, images), and the site-wide rules. Runs until Ctrl+C or SIGTERM (exit 0).
/// </summary>
public sealed class WatchRunner
{
    private static readonly Lazy<AnalysisEngine> s_engine = new(BuiltInRules.CreateEngine);

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly AnalysisEngine _engine;
    private readonly ISiteRules _siteRules;
    // Formats one problem exactly as `check` prints it (no colour: +/- lines are meant to be read and diffed).
    private readonly TextReportWriter _format;

    // Run state: one run per instance.
    private readonly Dictionary<string, FileReport> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ReportMessage>> _siteFindings = new(StringComparer.Ordinal);
    private readonly DependencyGraph _graph = new();
    private readonly IgnoreRules _ignores = new();
    private readonly HashSet<string> _explicitFiles = new(StringComparer.Ordinal);
    private readonly List<string> _roots = [];
    private readonly Dictionary<ConfigurationResult, SmoLspConfiguration> _effective = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _reportedErrors = new(StringComparer.Ordinal);
    private List<KeyValuePair<string, RuleSeverity>> _overrides = [];
    private ConfigurationLoader _loader = null!;
    private FileSystemWorkspace _workspace = new();
    private string _cwd = string.Empty;
    private string? _explicitConfig;

    public WatchRunner(TextWriter stdout, TextWriter stderr, AnalysisEngine? engine = null, ISiteRules? siteRules = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _engine = engine ?? s_engine.Value;
        _siteRules = siteRules ?? new CoreSiteRules();
        _format = new TextReportWriter(new ReportContext(_engine.Descriptors, Environment.CurrentDirectory));
    }

    /// <summary>How long the file system must be quiet before a batch of changes is checked.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Raised after the first check and after every batch, with the number of files re-checked (tests wait on it).</summary>
    public event Action<int>? BatchDone;

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
        if (options.Fix || options.FixDryRun)
        {
            // Writing files while watching them would re-trigger the watch on its own edits.
            _stderr.WriteLine("smolsp: error: --watch cannot be combined with --fix");
            return ExitCodes.Error;
        }

        if (options.EffectiveReports.Any(r => r.Format != ReportFormat.Text || r.File is not null))
        {
            _stderr.WriteLine("smolsp: error: --watch prints text only; use --format text (the default)");
            return ExitCodes.Error;
        }

        _cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        var known = _engine.Descriptors.Concat(_siteRules.Descriptors).ToList();
        foreach (var (id, severity) in options.RuleOverrides)
        {
            var descriptor = known.FirstOrDefault(d => d.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            if (descriptor is null)
            {
                _stderr.WriteLine($"smolsp: error: --rule {id}: unknown rule id; `smolsp rules` lists them");
                return ExitCodes.Error;
            }

            _overrides.Add(new(descriptor.Id, severity));
        }

        _loader = new ConfigurationLoader(known);
        if (options.ConfigFile is { } configFile)
        {
            _explicitConfig = Path.GetFullPath(configFile, _cwd);
            if (!File.Exists(_explicitConfig))
            {
                _stderr.WriteLine($"smolsp: error: --config {configFile}: no such file");
                return ExitCodes.Error;
            }
        }

        _workspace = new FileSystemWorkspace { ConfiguredWebRoot = path => CheckRunner.ConfiguredWebRoot(_explicitConfig is not null ? _loader.Load(_explicitConfig) : _loader.LoadFor(path)) };
        foreach (var path in options.Paths.Count > 0 ? options.Paths : ["."])
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, _cwd));
            if (File.Exists(full) && SiteFiles.IsTemplate(full))
            {
                _explicitFiles.Add(full);
            }
            else if (Directory.Exists(full))
            {
                _roots.Add(full);
            }
            else
            {
                _stderr.WriteLine(File.Exists(full) ? $"smolsp: error: {path}: not a template (.html, .htm, .cshtml, .razor)" : $"smolsp: error: {path}: no such file or folder");
                return ExitCodes.Error;
            }
        }

        // Configuration errors at the start are usage errors, as for check; later ones are reported and waited out.
        foreach (var directory in _roots.Concat(_explicitFiles.Select(f => Path.GetDirectoryName(f)!)))
        {
            var result = _explicitConfig is not null ? _loader.Load(_explicitConfig) : _loader.LoadFor(directory);
            if (!result.Success)
            {
                ReportErrors(result);
                return ExitCodes.Error;
            }
        }

        var channel = Channel.CreateUnbounded<SiteFileBatch>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new SiteFileWatcher(Debounce, batch => channel.Writer.TryWrite(batch));
        foreach (var root in _roots)
        {
            watcher.WatchTree(root);
        }

        foreach (var file in _explicitFiles)
        {
            watcher.WatchFolder(Path.GetDirectoryName(file)!);
        }

        // Watchers first, then the walk: a file saved during the first check is caught by the first batch.
        var before = Snapshot();
        var files = Walk(_roots, token);
        files.UnionWith(_explicitFiles);
        CheckAll(files, options.Parallelism, token);
        RecomputeSite();
        WatchDependencies(watcher);
        PrintChanges(before, "watching");
        BatchDone?.Invoke(files.Count);

        while (!token.IsCancellationRequested)
        {
            SiteFileBatch batch;
            try
            {
                batch = channel.Reader.ReadAsync(token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Take everything queued: one re-check for a burst.
            var changes = new List<FileChange>(batch.Changes);
            var overflowed = batch.Overflowed;
            while (channel.Reader.TryRead(out var more))
            {
                changes.AddRange(more.Changes);
                overflowed |= more.Overflowed;
            }

            var snapshot = Snapshot();
            var rechecked = Apply(changes, overflowed, token);
            WatchDependencies(watcher);
            PrintChanges(snapshot, null);
            BatchDone?.Invoke(rechecked);
        }

        _stderr.WriteLine("smolsp: stopped watching");
        return ExitCodes.Clean;
    }

    /// <summary>Applies one batch of events; returns how many files were checked again.</summary>
    private int Apply(List<FileChange> changes, bool overflowed, CancellationToken token)
    {
        var plan = SiteChangePlanner.Plan(changes, _graph, _files.ContainsKey, Belongs, d => _files.Keys.Where(p => IgnoreRules.IsUnder(p, d)).ToList());
        foreach (var path in plan.Invalidated)
        {
            _workspace.Invalidate(path);
        }

        var recheck = new SortedSet<string>(plan.Recheck, StringComparer.Ordinal);
        if (plan.ConfigurationChanged || overflowed)
        {
            // Any setting may differ, include/exclude too: walk again and check everything.
            _loader.Invalidate();
            _effective.Clear();
            _reportedErrors.Clear();
            _workspace.Invalidate();
            overflowed = true;
        }

        if (plan.IgnoreFilesChanged)
        {
            _ignores.Invalidate();
        }

        foreach (var path in plan.Removed)
        {
            Remove(path);
        }

        foreach (var folder in plan.NewFolders)
        {
            recheck.UnionWith(Walk([folder], token).Where(Belongs));
        }

        if (overflowed || plan.IgnoreFilesChanged)
        {
            var found = Walk(_roots, token);
            found.UnionWith(_explicitFiles.Where(File.Exists));
            foreach (var gone in _files.Keys.Where(p => !found.Contains(p)).ToList())
            {
                Remove(gone);
            }

            recheck.UnionWith(overflowed ? found : found.Where(f => !_files.ContainsKey(f)));
        }

        foreach (var path in recheck)
        {
            token.ThrowIfCancellationRequested();
            Check(path);
        }

        RecomputeSite();
        return recheck.Count;
    }

    private HashSet<string> Walk(IEnumerable<string> roots, CancellationToken token)
    {
        var walker = new SiteWalker(_ignores);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var files = new List<string>();
            var problems = new List<WalkProblem>();
            walker.Walk(root, files, problems, token);
            foreach (var problem in problems)
            {
                _stderr.WriteLine($"{Display(problem.Path)}: warning: {problem.Message}");
            }

            var treeRoot = _roots.Where(r => r == root || IgnoreRules.IsUnder(root, r)).DefaultIfEmpty(root).First();
            foreach (var file in files)
            {
                if (ConfigurationFor(file) is { } configuration && IncludeFilter.Includes(configuration, file, treeRoot))
                {
                    found.Add(file);
                }
            }
        }

        return found;
    }

    /// <summary>True for a template that is part of what is watched: named on the command line, or in a folder and not ignored or excluded.</summary>
    private bool Belongs(string path)
    {
        if (_explicitFiles.Contains(path))
        {
            return true;
        }

        if (!SiteFiles.IsTemplate(path))
        {
            return false;
        }

        var root = _roots.Where(r => IgnoreRules.IsUnder(path, r)).OrderByDescending(r => r.Length).FirstOrDefault();
        return root is not null && !_ignores.IsExcluded(root, path) && ConfigurationFor(path) is { } configuration && IncludeFilter.Includes(configuration, path, root);
    }

    private void CheckAll(HashSet<string> files, int parallelism, CancellationToken token)
    {
        var ordered = files.Order(StringComparer.Ordinal).ToArray();
        var configurations = ordered.Select(ConfigurationFor).ToArray(); // on this thread: error printing stays in order
        var results = new (FileReport? Report, IReadOnlyList<string> Dependencies)[ordered.Length];
        var workers = Math.Clamp(parallelism > 0 ? parallelism : Environment.ProcessorCount, 1, Math.Max(1, ordered.Length));
        Parallel.For(0, ordered.Length, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = token }, i =>
        {
            if (configurations[i] is { } configuration)
            {
                results[i] = Analyze(ordered[i], configuration);
            }
        });

        for (var i = 0; i < ordered.Length; i++)
        {
            Store(ordered[i], results[i].Report, results[i].Dependencies);
        }
    }

    private void Check(string path)
    {
        if (ConfigurationFor(path) is not { } configuration)
        {
            return; // a broken smolsp.json: keep what was reported until it is fixed
        }

        var (report, dependencies) = Analyze(path, configuration);
        if (report is null && !File.Exists(path))
        {
            Remove(path);
            return;
        }

        Store(path, report, dependencies);
    }

    private void Store(string path, FileReport? report, IReadOnlyList<string> dependencies)
    {
        if (report is null)
        {
            return;
        }

        _files[path] = report;
        _graph.Set(path, dependencies);
    }

    private void Remove(string path)
    {
        _files.Remove(path);
        _graph.Remove(path);
    }

    /// <summary>Analyzes one file from disk: its problems in report form, its site facts with their positions, what it read.</summary>
    private (FileReport? Report, IReadOnlyList<string> Dependencies) Analyze(string path, SmoLspConfiguration configuration)
    {
        var read = TemplateFile.Read(path);
        if (read.Status == ReadStatus.NotFound)
        {
            return (null, []);
        }

        var display = Display(path);
        if (!read.Success)
        {
            return (new FileReport(display, [], null, []), []);
        }

        var recorder = new RecordingWorkspace(_workspace, path);
        try
        {
            var result = _engine.Analyze(TemplateDocument.FromPath(path, read.Text!), configuration, recorder);
            var lines = result.Syntax.Source.Lines;
            var messages = result.Diagnostics.Select(d => Message(d, lines)).ToList();
            var facts = _siteRules.ExtractFacts(result, configuration);
            var positions = facts?.Spans().Distinct().ToDictionary(s => s, s => (lines.GetPosition(s.Start), lines.GetPosition(s.End))) ?? [];
            return (new FileReport(display, messages, facts, positions), recorder.Dependencies);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = new ReportMessage(EngineRules.RuleFailure.Id, DiagnosticSeverity.Error, $"SmoLsp could not analyze this file: {ex.GetType().Name}: {ex.Message}", 1, 1, 1, 1);
            return (new FileReport(display, [failure], null, []), recorder.Dependencies);
        }
    }

    private static ReportMessage Message(Diagnostic d, LineMap lines)
    {
        var start = lines.GetPosition(d.Span.Start);
        var end = lines.GetPosition(d.Span.End);
        return new ReportMessage(d.Id, d.Severity, d.Message, start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1);
    }

    /// <summary>The site-wide rules over every checked file's facts, positioned with what each file's analysis recorded.</summary>
    private void RecomputeSite()
    {
        _siteFindings.Clear();
        var facts = _files.Values.Select(f => f.Facts).OfType<PageFacts>().ToList();
        foreach (var group in _siteRules.Analyze(facts).GroupBy(d => d.Path, StringComparer.Ordinal))
        {
            if (!_files.TryGetValue(group.Key, out var file))
            {
                continue;
            }

            _siteFindings[group.Key] = group.Select(s =>
            {
                var (start, end) = file.FactPositions.TryGetValue(s.Diagnostic.Span, out var p) ? p : (new LinePosition(0, 0), new LinePosition(0, 0));
                var others = s.Diagnostic.RelatedLocations.Where(r => r.DocumentPath is not null).Select(r => Display(r.DocumentPath!)).ToList();
                // The related pages are the point of a site-wide problem; the terminal has no related information, so name them.
                var message = others.Count == 0 ? s.Diagnostic.Message : s.Diagnostic.Message + " (" + string.Join(", ", others) + ")";
                return new ReportMessage(s.Diagnostic.Id, s.Diagnostic.Severity, message, start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1);
            }).ToList();
        }
    }

    /// <summary>Pages may read files outside the watched folders (a shared layout, an image): watch those folders too.</summary>
    private void WatchDependencies(SiteFileWatcher watcher)
    {
        foreach (var file in _files.Keys)
        {
            foreach (var dependency in _graph.DependenciesOf(file))
            {
                if (!watcher.IsWatched(dependency) && Path.GetDirectoryName(dependency) is { } directory)
                {
                    watcher.WatchFolder(directory);
                }
            }
        }
    }

    private SmoLspConfiguration? ConfigurationFor(string path)
    {
        ConfigurationResult result;
        try
        {
            result = _explicitConfig is not null ? _loader.Load(_explicitConfig) : _loader.LoadFor(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _stderr.WriteLine($"{Display(path)}: warning: cannot look for smolsp.json: {ex.Message}");
            return null;
        }

        if (!result.Success)
        {
            ReportErrors(result);
            return null;
        }

        if (!_effective.TryGetValue(result, out var configuration))
        {
            configuration = result.Configuration;
            foreach (var (id, severity) in _overrides)
            {
                configuration = configuration.WithRuleSeverity(id, severity);
            }

            _effective[result] = configuration;
        }

        return configuration;
    }

    private void ReportErrors(ConfigurationResult result)
    {
        foreach (var error in result.Errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column))
        {
            var key = error.Key.Length > 0 ? $"'{error.Key}': " : string.Empty;
            var line = $"{Display(error.File)}:{error.Line}:{error.Column}: error: {key}{error.Message}";
            if (_reportedErrors.Add(line))
            {
                _stderr.WriteLine(line);
            }
        }
    }

    private string Display(string path) => CheckRunner.DisplayPath(path, _cwd);

    private Dictionary<string, IReadOnlyList<ReportMessage>> Snapshot()
    {
        var snapshot = new Dictionary<string, IReadOnlyList<ReportMessage>>(StringComparer.Ordinal);
        foreach (var (path, file) in _files)
        {
            var site = _siteFindings.GetValueOrDefault(path) ?? [];
            snapshot[file.Display] = site.Count == 0 ? file.Messages : [.. file.Messages, .. site];
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
                    var same = n.FindIndex(x => x == m);
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
            _stdout.Write(_format.FormatFile(new Cli.FileReport(path, [message], [])).TrimEnd('\n'));
            _stdout.Write('\n');
        }

        var added = lines.Count(l => l.Sign == '+');
        var resolved = lines.Count(l => l.Sign == '-');
        var all = after.Values.SelectMany(m => m).ToList();
        var totals = all.Count == 0
            ? "no problems"
            : $"{Plural(all.Count, "problem")} ({string.Join(", ", new[] { (DiagnosticSeverity.Error, "error"), (DiagnosticSeverity.Warning, "warning"), (DiagnosticSeverity.Info, "info"), (DiagnosticSeverity.Hint, "hint") }.Where(s => all.Any(m => m.Severity == s.Item1)).Select(s => Plural(all.Count(m => m.Severity == s.Item1), s.Item2)))}) in {Plural(after.Count(f => f.Value.Count > 0), "file")}";
        var head = firstLine is not null
            ? $"Watching {Plural(after.Count, "file")}: {totals}. Press Ctrl+C to stop."
            : $"{added} new, {resolved} resolved: {totals}.";
        _stdout.Write(head + "\n");
        _stdout.Flush();
    }

    private static string Plural(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    /// <summary>What is kept of a checked file: its report and site facts, not its parse tree.</summary>
    private sealed record FileReport(string Display, IReadOnlyList<ReportMessage> Messages, PageFacts? Facts, Dictionary<TextSpan, (LinePosition Start, LinePosition End)> FactPositions);
}
