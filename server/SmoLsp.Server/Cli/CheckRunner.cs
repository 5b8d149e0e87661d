using System.Diagnostics;
using Microsoft.Extensions.FileSystemGlobbing;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Workspace;

namespace SmoLsp.Server.Cli;

/// <summary>
/// Runs <c>smolsp check</c>: finds the files, resolves each one's configuration, analyzes them in parallel on every
/// core, and writes the report in path order as soon as each file's turn comes (streaming: only the formatted
/// report of a file is kept, never its parse tree). Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public sealed class CheckRunner
{
    /// <summary>--fix re-analyzes after each pass (a fix can enable another); a bound so fixes that fight cannot loop.</summary>
    public const int MaxFixPasses = 10;

    private static readonly Lazy<AnalysisEngine> s_engine = new(BuiltInRules.CreateEngine);

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly AnalysisEngine _engine;

    public CheckRunner(TextWriter stdout, TextWriter stderr, AnalysisEngine? engine = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _engine = engine ?? s_engine.Value;
    }

    /// <summary>How folders are listed; tests replace it to simulate folders that cannot be read (root can read anything).</summary>
    public DirectoryLister? DirectoryLister { get; init; }

    /// <summary>The user's trusted-folders file (plugins of workspaces under a listed folder load without --allow-plugins); tests point it elsewhere.</summary>
    public string? TrustedFoldersFile { get; init; } = PluginTrust.DefaultTrustedFoldersFile();

    /// <summary>Runs plugin rules under a time budget; null for the default budget (<see cref="Plugins.PluginWatchdog.DefaultBudget"/>).</summary>
    public IRuleWatchdog? RuleWatchdog { get; init; }

    public int Run(CheckOptions options)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return RunCore(options, clock);
        }
        catch (Exception ex)
        {
            // Parallel.For wraps what a worker threw; the inner exception is the one worth a line.
            var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
            _stderr.WriteLine($"smolsp: internal error: {inner.GetType().Name}: {inner.Message}");
            return ExitCodes.Error;
        }
    }

    // Layouts and images other files refer to, cached for the run (one per run: a layout read once serves all pages).
    private FileSystemWorkspace _workspace = new();

    /// <summary>The <c>webRoot</c> setting of the configuration that applies to a file, resolved against that file's folder.</summary>
    internal static string? ConfiguredWebRoot(string? explicitConfig, ConfigurationLoader loader, string path)
    {
        var result = explicitConfig is not null ? loader.Load(explicitConfig) : loader.LoadFor(path);
        if (result.Configuration is not { WebRoot: { } webRoot, SourcePath: { } source })
        {
            return null;
        }

        return Path.GetFullPath(webRoot, Path.GetDirectoryName(source) ?? ".");
    }

    private int RunCore(CheckOptions options, Stopwatch clock)
    {
        var cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!TryResolveOverrides(options, out var overrides))
        {
            return ExitCodes.Error;
        }

        var loader = new ConfigurationLoader(_engine.Descriptors);
        _workspace = new FileSystemWorkspace { ConfiguredWebRoot = path => ConfiguredWebRoot(explicitConfigPath(), loader, path) };
        string? explicitConfigPath() => options.ConfigFile is { } c ? Path.GetFullPath(c, cwd) : null;
        using var plugins = new PluginHost(_engine, new PluginTrust(options.AllowPlugins, TrustedFoldersFile), RuleWatchdog);
        ConfigurationResult? explicitConfig = null;
        if (options.ConfigFile is { } configFile)
        {
            var full = Path.GetFullPath(configFile, cwd);
            if (!File.Exists(full))
            {
                _stderr.WriteLine($"smolsp: error: --config {configFile}: no such file");
                return ExitCodes.Error;
            }

            explicitConfig = loader.Load(full);
        }

        var targets = FindTargets(options, cwd, out var notes, out var skippedByName);
        if (targets is null)
        {
            return ExitCodes.Error;
        }

        var work = ResolveConfigurations(targets, loader, plugins, explicitConfig, overrides, cwd, out var configErrors, out var resolved);
        var pluginErrors = PluginReport.WriteMessages(_stderr, resolved.Values, f => DisplayPath(f, cwd));
        if (!PluginReport.CheckOverrides(_stderr, overrides.Select(o => o.Key), resolved.Values.Select(r => r.Engine).Append(_engine)))
        {
            return ExitCodes.Error;
        }

        if (configErrors.Count > 0)
        {
            foreach (var error in configErrors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column))
            {
                var key = error.Key.Length > 0 ? $"'{error.Key}': " : string.Empty;
                _stderr.WriteLine($"{DisplayPath(error.File, cwd)}:{error.Line}:{error.Column}: error: {key}{error.Message}");
            }

            return ExitCodes.Error;
        }

        if (!options.Quiet)
        {
            foreach (var note in notes)
            {
                _stderr.WriteLine(note);
            }
        }

        var summary = new CheckSummary { Quiet = options.Quiet, FilesSkipped = skippedByName };
        var reportWriter = ReportWriter.For(options.Format);
        var highest = Analyze(work, options, reportWriter, summary);
        summary.Elapsed = clock.Elapsed;
        reportWriter.WriteEnd(_stdout, summary);
        _stdout.Flush();
        if (options.Format != ReportFormat.Text && summary.FilesFixed > 0)
        {
            _stderr.WriteLine($"smolsp: fixed {summary.FixesApplied} problem(s) in {summary.FilesFixed} file(s)");
        }

        if (work.Count == 0 && !options.Quiet)
        {
            _stderr.WriteLine("smolsp: note: no .html, .htm, .cshtml or .razor files to check");
        }

        PluginReport.WriteDisabledRules(_stderr, resolved.Values, f => DisplayPath(f, cwd));
        if (summary.InternalErrors > 0 || pluginErrors)
        {
            return ExitCodes.Error;
        }

        return highest is { } h && h >= options.FailOn ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private bool TryResolveOverrides(CheckOptions options, out List<KeyValuePair<string, RuleSeverity>> overrides)
    {
        overrides = [];
        var ok = true;
        foreach (var (id, severity) in options.RuleOverrides)
        {
            var descriptor = _engine.Descriptors.FirstOrDefault(d => d.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            if (descriptor is null && !RuleApi.IsBuiltInNamespace(id))
            {
                // Perhaps a plugin's rule: known once plugins load (PluginReport.CheckOverrides).
                overrides.Add(new(id, severity));
                continue;
            }

            if (descriptor is null)
            {
                _stderr.WriteLine($"smolsp: error: --rule {id}: unknown rule id; `smolsp rules` lists them");
                ok = false;
                continue;
            }

            overrides.Add(new(descriptor.Id, severity));
        }

        return ok;
    }

    private enum TargetKind
    {
        /// <summary>Named on the command line: checked whatever include/exclude say.</summary>
        ExplicitFile,
        WalkedFile,

        /// <summary>A folder named on the command line, listed only so its configuration is loaded and validated.</summary>
        Folder,
    }

    private sealed record Target(string FullPath, TargetKind Kind);

    private sealed record WorkItem(string FullPath, string DisplayPath, SmoLspConfiguration Configuration, AnalysisEngine Engine);

    /// <summary>Every file to consider, deduplicated; null (after printing why) when a path does not exist.</summary>
    private List<Target>? FindTargets(CheckOptions options, string cwd, out List<string> notes, out int skipped)
    {
        notes = [];
        skipped = 0;
        var paths = options.Paths.Count > 0 ? options.Paths : ["."];
        var targets = new List<Target>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var missing = false;
        var walker = new TemplateWalker(DirectoryLister);
        var walked = new List<string>();
        var problems = new List<WalkProblem>();
        foreach (var path in paths)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, cwd));
            if (File.Exists(full))
            {
                if (!TemplateWalker.IsTemplatePath(Path.GetFileName(full)))
                {
                    notes.Add($"{DisplayPath(full, cwd)}: skipped: not a template (.html, .htm, .cshtml, .razor)");
                    skipped++;
                    continue;
                }

                if (seen.Add(full))
                {
                    targets.Add(new Target(full, TargetKind.ExplicitFile));
                }
            }
            else if (Directory.Exists(full))
            {
                walked.Clear();
                walker.Walk(full, walked, problems);
                foreach (var file in walked)
                {
                    if (seen.Add(file))
                    {
                        targets.Add(new Target(file, TargetKind.WalkedFile));
                    }
                }

                // The folder's own configuration applies even when it holds no templates: a broken file must not pass silently.
                targets.Add(new Target(full, TargetKind.Folder));
            }
            else
            {
                _stderr.WriteLine($"smolsp: error: {path}: no such file or folder");
                missing = true;
            }
        }

        foreach (var problem in problems)
        {
            notes.Add($"{DisplayPath(problem.Path, cwd)}: warning: {problem.Message}");
        }

        return missing ? null : targets;
    }

    private List<WorkItem> ResolveConfigurations(List<Target> targets, ConfigurationLoader loader, PluginHost plugins, ConfigurationResult? explicitConfig,
        List<KeyValuePair<string, RuleSeverity>> overrides, string cwd, out List<ConfigurationError> errors, out Dictionary<ConfigurationResult, WorkspaceRules> resolved)
    {
        errors = [];
        resolved = new Dictionary<ConfigurationResult, WorkspaceRules>(ReferenceEqualityComparer.Instance);
        var reported = new HashSet<ConfigurationResult>(ReferenceEqualityComparer.Instance);
        var effective = new Dictionary<ConfigurationResult, (SmoLspConfiguration Configuration, Matcher? Matcher, string? Root, AnalysisEngine Engine)>(ReferenceEqualityComparer.Instance);
        var work = new List<WorkItem>(targets.Count);
        var byDirectory = new Dictionary<string, ConfigurationResult>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var directory = target.Kind == TargetKind.Folder ? target.FullPath : Path.GetDirectoryName(target.FullPath)!;
            var result = explicitConfig ?? ConfigFor(directory);

            if (!result.Success)
            {
                if (reported.Add(result))
                {
                    errors.AddRange(result.Errors);
                }

                continue;
            }

            // Plugins named by this configuration (when trusted) add rules, and their ids to the configuration.
            if (!resolved.TryGetValue(result, out var rules))
            {
                resolved[result] = rules = plugins.Resolve(result);
            }

            if (!rules.Configuration.Success)
            {
                if (reported.Add(result))
                {
                    errors.AddRange(rules.Configuration.Errors);
                }

                continue;
            }

            if (!effective.TryGetValue(result, out var entry))
            {
                var configuration = rules.Configuration.Configuration;
                foreach (var (id, severity) in overrides)
                {
                    configuration = configuration.WithRuleSeverity(id, severity);
                }

                entry = (configuration, CreateMatcher(configuration), configuration.SourcePath is { } source ? Path.GetDirectoryName(source) : null, rules.Engine);
                effective[result] = entry;
            }

            if (target.Kind == TargetKind.Folder)
            {
                continue;
            }

            if (target.Kind == TargetKind.WalkedFile && entry.Matcher is not null && entry.Root is not null && IsUnder(target.FullPath, entry.Root)
                && !entry.Matcher.Match(entry.Root, target.FullPath).HasMatches)
            {
                continue;
            }

            work.Add(new WorkItem(target.FullPath, DisplayPath(target.FullPath, cwd), entry.Configuration, entry.Engine));
        }

        work.Sort(static (a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
        return work;

        // Per folder, so a thousand files in one folder cost one lookup, not a thousand stats.
        ConfigurationResult ConfigFor(string directory)
        {
            if (!byDirectory.TryGetValue(directory, out var found))
            {
                found = loader.LoadFor(directory);
                byDirectory[directory] = found;
            }

            return found;
        }
    }

    /// <summary>
    /// The include/exclude globs, relative to the configuration file's folder. Files named on the command line are
    /// checked regardless (the user asked for them), and so are files outside that folder (a --config elsewhere).
    /// </summary>
    private static Matcher? CreateMatcher(SmoLspConfiguration configuration)
    {
        if (configuration.Include.Count == 0 && configuration.Exclude.Count == 0)
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        matcher.AddIncludePatterns(configuration.Include.Count > 0 ? configuration.Include : ["**/*"]);
        matcher.AddExcludePatterns(configuration.Exclude);
        return matcher;
    }

    private static bool IsUnder(string path, string directory) =>
        path.Length > directory.Length && path.StartsWith(directory, StringComparison.Ordinal) && (path[directory.Length] == Path.DirectorySeparatorChar || directory.EndsWith(Path.DirectorySeparatorChar));

    public static string DisplayPath(string fullPath, string cwd) => Path.GetRelativePath(cwd, fullPath).Replace('\\', '/');

    /// <summary>Analyzes every item on all cores; writes each file's report in list order. Returns the highest severity seen.</summary>
    private DiagnosticSeverity? Analyze(List<WorkItem> work, CheckOptions options, ReportWriter reportWriter, CheckSummary summary)
    {
        reportWriter.WriteStart(_stdout);
        var outcomes = new FileOutcome?[work.Count];
        var gate = new object();
        var next = -1;
        var nextToWrite = 0;
        DiagnosticSeverity? highest = null;
        var workers = Math.Clamp(options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount, 1, Math.Max(1, work.Count));

        // A shared counter rather than static partitions: files differ in size by 1000x, and whoever is free takes the next.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                var outcome = ProcessFile(work[i], options, reportWriter);
                lock (gate)
                {
                    outcomes[i] = outcome;
                    while (nextToWrite < outcomes.Length && outcomes[nextToWrite] is { } ready)
                    {
                        outcomes[nextToWrite] = null;
                        nextToWrite++;
                        Write(ready);
                    }
                }
            }
        });

        return highest;

        void Write(FileOutcome outcome)
        {
            foreach (var note in outcome.Notes)
            {
                // --quiet drops informational notes but never hides that a requested fix was not written.
                if (!options.Quiet || !note.StartsWith("note:", StringComparison.Ordinal))
                {
                    _stderr.WriteLine($"{outcome.DisplayPath}: {note}");
                }
            }

            if (outcome.InternalError is { } internalError)
            {
                summary.InternalErrors++;
                _stderr.WriteLine($"{outcome.DisplayPath}: internal error: {internalError}");
                return;
            }

            if (outcome.SkipReason is { } reason)
            {
                summary.FilesSkipped++;
                if (!options.Quiet)
                {
                    _stderr.WriteLine($"{outcome.DisplayPath}: skipped: {reason}");
                }

                return;
            }

            summary.FilesChecked++;
            if (outcome.FixesApplied > 0)
            {
                summary.FilesFixed++;
                summary.FixesApplied += outcome.FixesApplied;
            }

            if (outcome.HighestSeverity is { } h && (highest is null || h > highest))
            {
                highest = h;
            }

            if (outcome.Messages.Count > 0)
            {
                summary.FilesWithProblems++;
                foreach (var m in outcome.Messages)
                {
                    summary.Count(m.Severity);
                }
            }

            reportWriter.WriteFile(_stdout, outcome.Formatted ?? string.Empty);
        }
    }

    private FileOutcome ProcessFile(WorkItem item, CheckOptions options, ReportWriter reportWriter)
    {
        try
        {
            return ProcessFileCore(item, options, reportWriter);
        }
        catch (Exception ex)
        {
            // A bug in one file's analysis must not hide the others' results; the run still exits 2.
            return new FileOutcome(item.DisplayPath) { InternalError = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

    private FileOutcome ProcessFileCore(WorkItem item, CheckOptions options, ReportWriter reportWriter)
    {
        var read = TemplateFile.Read(item.FullPath, options.MaxFileBytes, out var bytes, out var writeTime);
        if (!read.Success)
        {
            var message = read.Message ?? read.Status.ToString();
            return new FileOutcome(item.DisplayPath) { SkipReason = message.StartsWith("skipped: ", StringComparison.Ordinal) ? message["skipped: ".Length..] : message };
        }

        var notes = new List<string>();
        var isLatin1 = read.Encoding!.Encoding.CodePage == System.Text.Encoding.Latin1.CodePage && !read.Encoding.HasBom;
        if (isLatin1)
        {
            notes.Add("note: not valid UTF-8; read as Latin-1");
        }

        var text = read.Text!;
        var document = TemplateDocument.FromPath(item.FullPath, text);
        var result = item.Engine.Analyze(document, item.Configuration, _workspace);
        var fixesApplied = 0;
        if (options.Fix)
        {
            (result, fixesApplied) = FixFile(item, result, bytes!, writeTime, read.Encoding, isLatin1, notes);
        }

        var all = ToMessages(result);
        var shown = options.Quiet ? all.Where(m => m.Severity == DiagnosticSeverity.Error).ToList() : all;
        DiagnosticSeverity? highest = all.Count == 0 ? null : all.Max(m => m.Severity);
        return new FileOutcome(item.DisplayPath)
        {
            Messages = shown,
            Formatted = reportWriter.FormatFile(item.DisplayPath, shown),
            Notes = notes,
            FixesApplied = fixesApplied,
            HighestSeverity = highest,
        };
    }

    /// <summary>
    /// Applies safe fixes pass after pass until nothing changes, then writes the file once. Returns the analysis of
    /// what is on disk afterwards: the fixed text when written, the original when the write was refused.
    /// </summary>
    private (AnalysisResult Result, int FixesApplied) FixFile(WorkItem item, AnalysisResult original, byte[] bytes, DateTime writeTime,
        FileEncodingInfo encoding, bool isLatin1, List<string> notes)
    {
        if (TextEdits.CollectSafeFixes(original).Count == 0)
        {
            return (original, 0);
        }

        if (isLatin1)
        {
            // Writing back through a guessed encoding could corrupt bytes we never understood; a human should convert the file.
            notes.Add("not fixed: the file is not valid UTF-8");
            return (original, 0);
        }

        if (AtomicFile.IsReadOnly(item.FullPath))
        {
            notes.Add("not fixed: the file is read-only");
            return (original, 0);
        }

        var result = original;
        var text = original.Document.Text;
        var applied = 0;
        for (var pass = 0; pass < MaxFixPasses; pass++)
        {
            var edits = TextEdits.CollectSafeFixes(result);
            if (edits.Count == 0)
            {
                break;
            }

            var fixedText = TextEdits.Apply(text, edits);
            if (fixedText == text)
            {
                break;
            }

            applied += CountFixes(result, edits);
            text = fixedText;
            result = item.Engine.Analyze(original.Document with { Text = text }, item.Configuration, _workspace);
            if (pass == MaxFixPasses - 1 && TextEdits.CollectSafeFixes(result).Count > 0)
            {
                notes.Add($"note: fixes did not settle after {MaxFixPasses} passes; run --fix again and report this");
            }
        }

        if (applied == 0)
        {
            return (original, 0);
        }

        var write = AtomicFile.ReplaceIfUnchanged(item.FullPath, bytes, writeTime, encoding.Encode(text));
        if (write.Status != ReplaceStatus.Written)
        {
            notes.Add("not fixed: " + write.Message);
            return (original, 0);
        }

        return (result, applied);
    }

    private static int CountFixes(AnalysisResult result, IReadOnlyList<TextEdit> taken)
    {
        var count = 0;
        foreach (var d in result.Diagnostics)
        {
            if (d.Fixes.FirstOrDefault(f => f.IsSafe && f.Edits.All(e => e.DocumentPath is null)) is { Edits.Count: > 0 } fix
                && fix.Edits.All(e => taken.Contains(e)))
            {
                count++;
            }
        }

        return count;
    }

    private static List<ReportMessage> ToMessages(AnalysisResult result)
    {
        var lines = result.Syntax.Source.Lines;
        var messages = new List<ReportMessage>(result.Diagnostics.Count);
        foreach (var d in result.Diagnostics)
        {
            var start = lines.GetPosition(d.Span.Start);
            var end = lines.GetPosition(d.Span.End);
            messages.Add(new ReportMessage(d.Id, d.Severity, d.Message, start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1));
        }

        // The engine sorts by offset already; sorting here keeps the report's order a property of this file.
        messages.Sort(static (a, b) =>
        {
            var c = a.Line.CompareTo(b.Line);
            c = c != 0 ? c : a.Column.CompareTo(b.Column);
            c = c != 0 ? c : a.EndLine.CompareTo(b.EndLine);
            c = c != 0 ? c : a.EndColumn.CompareTo(b.EndColumn);
            c = c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
            return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
        });
        return messages;
    }
}
