using SmoLsp.Server.Plugins;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Rules;
using SmoLsp.Server.Workspace;
using PageFacts = SmoLsp.Analysis.Site.PageFacts;
using SiteDiagnostic = SmoLsp.Analysis.Site.SiteDiagnostic;

namespace SmoLsp.Server.Cli;

/// <summary>
/// Runs <c>smolsp check</c>: finds the files, resolves each one's configuration, analyzes them in parallel on every
/// core, and writes the reports in path order as soon as each file's turn comes (streaming: only the formatted
/// reports of a file and a few facts for the site rules are kept, never its parse tree). The site rules (SMO210,
/// SMO211) run once every page is read; their findings come last. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public sealed class CheckRunner
{
    /// <summary>--fix re-analyzes after each pass (a fix can enable another); a bound so fixes that fight cannot loop.</summary>
    public const int MaxFixPasses = 10;

    public const string StdinDisplayName = "<stdin>";

    private static readonly Lazy<AnalysisEngine> s_engine = new(BuiltInRules.CreateEngine);

    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly TextReader? _stdin;
    private readonly AnalysisEngine _engine;

    public CheckRunner(TextWriter stdout, TextWriter stderr, AnalysisEngine? engine = null, TextReader? stdin = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _stdin = stdin;
        _engine = engine ?? s_engine.Value;
    }

    /// <summary>How folders are listed; tests replace it to simulate folders that cannot be read (root can read anything).</summary>
    public DirectoryLister? DirectoryLister { get; init; }

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

    /// <summary>The user's trusted-folders file (plugins of workspaces under a listed folder load without --allow-plugins); tests point it elsewhere.</summary>
    public string? TrustedFoldersFile { get; init; } = PluginTrust.DefaultTrustedFoldersFile();

    /// <summary>Runs plugin rules under a time budget; null for the default budget (<see cref="Plugins.PluginWatchdog.DefaultBudget"/>).</summary>
    public IRuleWatchdog? RuleWatchdog { get; init; }

    // Layouts and images other files refer to, cached for the run (one per run: a layout read once serves all pages).
    private FileSystemWorkspace _workspace = new();

    /// <summary>The <c>webRoot</c> setting of the configuration that applies to a file, resolved against that file's folder.</summary>
    internal static string? ConfiguredWebRoot(ConfigurationResult result)
    {
        if (result.Configuration is not { WebRoot: { } webRoot, SourcePath: { } source })
        {
            return null;
        }

        return Path.GetFullPath(webRoot, Path.GetDirectoryName(source) ?? ".");
    }

    /// <summary>A report being written: its format and where it goes.</summary>
    private sealed record ReportSink(ReportWriter Writer, TextWriter Output, bool OwnsOutput, string? File);

    private int RunCore(CheckOptions options, Stopwatch clock)
    {
        var cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!ValidateOptions(options) || !TryResolveOverrides(options, out var overrides))
        {
            return ExitCodes.Error;
        }

        if (!TryCreateSettings(options, cwd, overrides, out var settings))
        {
            return ExitCodes.Error;
        }

        _workspace = new FileSystemWorkspace { ConfiguredWebRoot = path => ConfiguredWebRoot(settings.BaseFor(Path.GetDirectoryName(path) ?? path)) };
        using var plugins = new PluginHost(_engine, new PluginTrust(options.AllowPlugins, TrustedFoldersFile), RuleWatchdog);

        List<Target>? targets;
        List<string> notes;
        var skippedByName = 0;
        string? stdinText = null;
        if (options.Stdin)
        {
            stdinText = (_stdin ?? TextReader.Null).ReadToEnd();
            targets = [new Target(StdinPath(options, cwd), TargetKind.ExplicitFile)];
            notes = [];
        }
        else
        {
            targets = FindTargets(options, cwd, out notes, out skippedByName);
        }

        if (targets is null)
        {
            return ExitCodes.Error;
        }

        var work = ResolveConfigurations(targets, settings, plugins, cwd, out var configErrors, out var resolved);
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

        if (stdinText is not null)
        {
            work = [.. work.Select(w => w with { Content = stdinText, DisplayPath = options.StdinFilename is null ? StdinDisplayName : w.DisplayPath })];
        }
        else if (options.Shard is { } shard)
        {
            work = [.. work.Where(w => shard.Contains(w.DisplayPath))];
        }

        if (!options.Quiet)
        {
            foreach (var note in notes)
            {
                _stderr.WriteLine(note);
            }
        }

        // Reports describe every rule that could report: the built-ins and each loaded plugin's (SARIF lists them all).
        var descriptors = resolved.Values.SelectMany(r => r.Engine.Descriptors).Concat(_engine.Descriptors)
            .DistinctBy(d => d.Id, StringComparer.OrdinalIgnoreCase).ToList();
        var sinks = OpenReports(options, cwd, descriptors);
        if (sinks is null)
        {
            return ExitCodes.Error;
        }

        var summary = new CheckSummary { Quiet = options.Quiet, FilesSkipped = skippedByName, DryRun = options.FixDryRun };
        DiagnosticSeverity? highest;
        try
        {
            highest = Analyze(work, options, sinks, summary);
            summary.Elapsed = clock.Elapsed;
            foreach (var sink in sinks)
            {
                sink.Writer.WriteEnd(sink.Output, summary);
                sink.Output.Flush();
            }
        }
        finally
        {
            foreach (var sink in sinks.Where(s => s.OwnsOutput))
            {
                sink.Output.Dispose();
            }
        }

        _stdout.Flush();
        if (summary.FilesFixed > 0 && !sinks.Any(s => s.Writer is TextReportWriter && s.File is null))
        {
            _stderr.WriteLine($"smolsp: {(options.FixDryRun ? "would fix" : "fixed")} {summary.FixesApplied} problem(s) in {summary.FilesFixed} file(s)");
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

        if (highest is { } h && h >= options.FailOn)
        {
            return ExitCodes.Findings;
        }

        if (options.MaxWarnings is { } max && summary.AllWarnings > max)
        {
            _stderr.WriteLine($"smolsp: {summary.AllWarnings} warning(s), more than --max-warnings {max}");
            return ExitCodes.Findings;
        }

        return ExitCodes.Clean;
    }

    /// <summary>Combinations that make no sense are usage errors (exit 2), reported before any work.</summary>
    private bool ValidateOptions(CheckOptions options)
    {
        string? error = null;
        var toStdout = options.EffectiveReports.Count(r => r.File is null);
        if (options.Fix && options.FixDryRun)
        {
            error = "--fix and --fix-dry-run cannot be combined";
        }
        else if (options.Stdin && options.Paths.Count > 0)
        {
            error = "--stdin reads one template from standard input; do not also name files or folders";
        }
        else if (!options.Stdin && options.StdinFilename is not null)
        {
            error = "--stdin-filename needs --stdin";
        }
        else if (toStdout > 1)
        {
            error = "only one --format can write to standard output; give the others a file (--format sarif=smolsp.sarif)";
        }
        else if (options.EffectiveReports.Where(r => r.File is not null).GroupBy(r => r.File, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            error = "two --format options write to the same file";
        }
        else if (options.MaxWarnings is < 0)
        {
            error = "--max-warnings must be 0 or more";
        }

        if (error is not null)
        {
            _stderr.WriteLine("smolsp: error: " + error);
            return false;
        }

        return true;
    }

    private bool TryResolveOverrides(CheckOptions options, out List<KeyValuePair<string, RuleSeverity>> overrides) =>
        ResolveOverrides(options.RuleOverrides, _engine.Descriptors, _stderr, out overrides);

    /// <summary>
    /// Checks --rule ids against the catalog, in order (a later --rule wins). <c>*</c> stands for every rule, so
    /// <c>--rule '*=off' --rule SMO210=warning</c> runs one rule alone (the cross-page CI job does).
    /// </summary>
    internal static bool ResolveOverrides(IReadOnlyList<KeyValuePair<string, RuleSeverity>> requested, IReadOnlyList<RuleDescriptor> descriptors,
        TextWriter stderr, out List<KeyValuePair<string, RuleSeverity>> overrides)
    {
        overrides = [];
        var ok = true;
        foreach (var (id, severity) in requested)
        {
            if (id == "*")
            {
                overrides.AddRange(descriptors.Select(d => new KeyValuePair<string, RuleSeverity>(d.Id, severity)));
                continue;
            }

            var descriptor = descriptors.FirstOrDefault(d => d.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            if (descriptor is null && !RuleApi.IsBuiltInNamespace(id))
            {
                // Perhaps a plugin's rule: known once plugins load (PluginReport.CheckOverrides).
                overrides.Add(new(id, severity));
                continue;
            }

            if (descriptor is null)
            {
                stderr.WriteLine($"smolsp: error: --rule {id}: unknown rule id; `smolsp rules` lists them");
                ok = false;
                continue;
            }

            overrides.Add(new(descriptor.Id, severity));
        }

        return ok;
    }

    private bool TryCreateSettings(CheckOptions options, string cwd, List<KeyValuePair<string, RuleSeverity>> overrides, out EffectiveSettings settings)
    {
        var loader = new ConfigurationLoader(_engine.Descriptors);
        ConfigurationResult? explicitConfig = null;
        settings = null!;
        if (options.ConfigFile is { } configFile)
        {
            var full = Path.GetFullPath(configFile, cwd);
            if (!File.Exists(full))
            {
                _stderr.WriteLine($"smolsp: error: --config {configFile}: no such file");
                return false;
            }

            explicitConfig = loader.Load(full);
        }

        settings = new EffectiveSettings(loader, explicitConfig, overrides, _engine.Descriptors, new EditorConfig());
        return true;
    }

    private static string StdinPath(CheckOptions options, string cwd) =>
        Path.GetFullPath(options.StdinFilename ?? "stdin.html", cwd);

    /// <summary>
    /// Opens every report. When standard output carries file content (the diff of --fix-dry-run, the fixed text of
    /// --stdin --fix), a report without a file goes to standard error so the content stays pipeable.
    /// </summary>
    private List<ReportSink>? OpenReports(CheckOptions options, string cwd, IReadOnlyList<RuleDescriptor> descriptors)
    {
        var stdoutCarriesContent = options.FixDryRun || (options.Stdin && options.Fix);
        var sinks = new List<ReportSink>();
        foreach (var target in options.EffectiveReports)
        {
            TextWriter output;
            var owns = false;
            if (target.File is { } file)
            {
                var full = Path.GetFullPath(file, cwd);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);

                    // UTF-8 without a byte-order mark: GitLab and other JSON readers reject one.
                    output = new StreamWriter(full, append: false, s_utf8NoBom, 1 << 16) { NewLine = "\n" };
                    owns = true;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _stderr.WriteLine($"smolsp: error: --format {target.Format.ToString().ToLowerInvariant()}={file}: cannot write: {ex.Message}");
                    foreach (var opened in sinks.Where(s => s.OwnsOutput))
                    {
                        opened.Output.Dispose();
                    }

                    return null;
                }
            }
            else
            {
                output = stdoutCarriesContent ? _stderr : _stdout;
            }

            var color = options.Color && target.File is null && !stdoutCarriesContent;
            var context = new ReportContext(descriptors, cwd, color) { OutputFile = target.File };
            sinks.Add(new ReportSink(ReportWriter.Create(target.Format, context), output, owns, target.File));
        }

        return sinks;
    }

    private enum TargetKind
    {
        /// <summary>Named on the command line: checked whatever include/exclude and .smolspignore say.</summary>
        ExplicitFile,
        WalkedFile,

        /// <summary>A folder named on the command line, listed only so its configuration is loaded and validated.</summary>
        Folder,
    }

    private sealed record Target(string FullPath, TargetKind Kind);

    private sealed record WorkItem(string FullPath, string DisplayPath, SmoLspConfiguration Configuration, AnalysisEngine Engine)
    {
        /// <summary>The text to check instead of reading the file (--stdin).</summary>
        public string? Content { get; init; }
    }

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
        var ignore = new SmolspIgnore();
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
                walker.Walk(full, walked, problems, ignore.IsIgnored);
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

    private static List<WorkItem> ResolveConfigurations(List<Target> targets, EffectiveSettings settings, PluginHost plugins, string cwd,
        out List<ConfigurationError> errors, out Dictionary<ConfigurationResult, WorkspaceRules> resolved)
    {
        errors = [];
        resolved = new Dictionary<ConfigurationResult, WorkspaceRules>(ReferenceEqualityComparer.Instance);
        var reported = new HashSet<ConfigurationResult>(ReferenceEqualityComparer.Instance);
        var matchers = new Dictionary<ConfigurationResult, (Matcher? Matcher, string? Root)>(ReferenceEqualityComparer.Instance);
        var work = new List<WorkItem>(targets.Count);
        foreach (var target in targets)
        {
            var directory = target.Kind == TargetKind.Folder ? target.FullPath : Path.GetDirectoryName(target.FullPath)!;
            var result = settings.BaseFor(directory);
            if (!result.Success)
            {
                if (reported.Add(result))
                {
                    errors.AddRange(result.Errors);
                }

                continue;
            }

            if (target.Kind == TargetKind.Folder)
            {
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

            if (!matchers.TryGetValue(result, out var entry))
            {
                entry = (CreateMatcher(result.Configuration), result.Configuration.SourcePath is { } source ? Path.GetDirectoryName(source) : null);
                matchers[result] = entry;
            }

            if (target.Kind == TargetKind.WalkedFile && IsExcluded(entry.Matcher, entry.Root, target.FullPath))
            {
                continue;
            }

            work.Add(new WorkItem(target.FullPath, DisplayPath(target.FullPath, cwd), settings.For(rules.Configuration, target.FullPath), rules.Engine));
        }

        work.Sort(static (a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
        return work;
    }

    private static bool IsExcluded(Matcher? matcher, string? root, string fullPath) =>
        matcher is not null && root is not null && IsUnder(fullPath, root) && !matcher.Match(root, fullPath).HasMatches;

    /// <summary>
    /// The include/exclude globs, relative to the configuration file's folder. Files named on the command line are
    /// checked regardless (the user asked for them), and so are files outside that folder (a --config elsewhere).
    /// </summary>
    internal static Matcher? CreateMatcher(SmoLspConfiguration configuration)
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

    /// <summary>Analyzes every item on all cores; writes each file's reports in list order, then the site rules' findings. Returns the highest severity seen.</summary>
    private DiagnosticSeverity? Analyze(List<WorkItem> work, CheckOptions options, List<ReportSink> sinks, CheckSummary summary)
    {
        foreach (var sink in sinks)
        {
            sink.Writer.WriteStart(sink.Output);
        }

        var writers = sinks.Select(s => s.Writer).ToArray();
        var reportOnStderr = sinks.Any(s => ReferenceEquals(s.Output, _stderr));
        var outcomes = new FileOutcome?[work.Count];
        var gate = new object();
        var next = -1;
        var nextToWrite = 0;
        DiagnosticSeverity? highest = null;
        var siteFacts = new List<PageFacts>();
        var pathsWithProblems = new HashSet<string>(StringComparer.Ordinal);
        var workers = Math.Clamp(options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount, 1, Math.Max(1, work.Count));
        using var progress = options.Progress && work.Count > 1 ? new ProgressIndicator(_stderr, gate, work.Count) : null;

        // A shared counter rather than static partitions: files differ in size by 1000x, and whoever is free takes the next.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                var outcome = ProcessFile(work[i], options, writers);
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

        progress?.Dispose();
        WriteSiteFindings(siteFacts, pathsWithProblems, options, sinks, summary, ref highest);
        return highest;

        void Write(FileOutcome outcome)
        {
            progress?.Advance();
            if (reportOnStderr || outcome.Notes.Count > 0 || outcome.InternalError is not null || outcome.SkipReason is not null)
            {
                progress?.Clear();
            }

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
            summary.AllWarnings += outcome.Warnings;
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
                pathsWithProblems.Add(outcome.DisplayPath);
                foreach (var m in outcome.Messages)
                {
                    summary.Count(m);
                }
            }

            summary.Suppressed += outcome.SuppressedCount;
            if (!outcome.SiteFacts.IsEmpty)
            {
                siteFacts.Add(outcome.SiteFacts);
            }

            for (var s = 0; s < sinks.Count; s++)
            {
                sinks[s].Writer.WriteFile(sinks[s].Output, outcome.Formatted[s]);
            }

            if (outcome.Diff is { Length: > 0 } diff)
            {
                _stdout.Write(diff);
            }

            if (outcome.FixedText is { } fixedText)
            {
                _stdout.Write(fixedText);
            }
        }
    }

    /// <summary>Runs the site rules over the facts of every page read, and reports their findings per file (after the per-file reports).</summary>
    private static void WriteSiteFindings(List<PageFacts> facts, HashSet<string> pathsWithProblems, CheckOptions options, List<ReportSink> sinks, CheckSummary summary, ref DiagnosticSeverity? highest)
    {
        if (facts.Count < 2)
        {
            return;
        }

        // A local copy: a ref parameter cannot be captured by the local function below.
        var highestSeen = highest;

        // The findings arrive sorted by path: one file's worth is gathered, reported and dropped before the next.
        var current = new List<SiteDiagnostic>();
        foreach (var d in SiteAnalysis.Analyze(facts))
        {
            if (current.Count > 0 && current[0].Path != d.Path)
            {
                Report(current);
                current.Clear();
            }

            current.Add(d);
        }

        Report(current);

        void Report(List<SiteDiagnostic> file)
        {
            if (file.Count == 0)
            {
                return;
            }

            var path = file[0].Path;
            var messages = new List<ReportMessage>();
            var suppressed = new List<ReportMessage>();
            foreach (var d in file)
            {
                var message = ToMessage(d);
                var shown = !options.Quiet || d.Diagnostic.Severity == DiagnosticSeverity.Error;
                if (d.Suppression is not null)
                {
                    if (shown)
                    {
                        suppressed.Add(message);
                    }

                    continue;
                }

                if (highestSeen is null || d.Diagnostic.Severity > highestSeen)
                {
                    highestSeen = d.Diagnostic.Severity;
                }

                if (d.Diagnostic.Severity == DiagnosticSeverity.Warning)
                {
                    summary.AllWarnings++;
                }

                if (shown)
                {
                    messages.Add(message);
                    summary.Count(message);
                }
            }

            summary.Suppressed += suppressed.Count;
            if (messages.Count == 0 && suppressed.Count == 0)
            {
                return;
            }

            // A file with only cross-page problems was counted as clean when its own report was written.
            if (messages.Count > 0 && pathsWithProblems.Add(path))
            {
                summary.FilesWithProblems++;
            }

            var report = new FileReport(path, messages, suppressed) { CrossPage = true };
            foreach (var sink in sinks)
            {
                sink.Writer.WriteFile(sink.Output, sink.Writer.FormatFile(report));
            }
        }

        highest = highestSeen;
    }

    private static ReportMessage ToMessage(SiteDiagnostic d) =>
        new(d.Diagnostic.Id, d.Diagnostic.Severity, d.Diagnostic.Message, d.Range.Start.Line + 1, d.Range.Start.Character + 1, d.Range.End.Line + 1, d.Range.End.Character + 1)
        {
            // The shared text is what a cross-page finding is about; which other pages share it may change.
            Fingerprint = Fingerprints.Compute(d.Path, d.Diagnostic.Id, d.Value?.Key ?? string.Empty, 0),
            Related = [.. d.Related.Select(r => new ReportLocation(r.Path, r.Range.Start.Line + 1, r.Range.Start.Character + 1, r.Range.End.Line + 1, r.Range.End.Character + 1, r.Message))],
            SuppressedBecause = d.Suppression is null ? null : d.Suppression.Justification ?? string.Empty,
        };

    private FileOutcome ProcessFile(WorkItem item, CheckOptions options, ReportWriter[] writers)
    {
        try
        {
            return ProcessFileCore(item, options, writers);
        }
        catch (Exception ex)
        {
            // A bug in one file's analysis must not hide the others' results; the run still exits 2.
            return new FileOutcome(item.DisplayPath) { InternalError = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

    private FileOutcome ProcessFileCore(WorkItem item, CheckOptions options, ReportWriter[] writers)
    {
        byte[]? bytes = null;
        var writeTime = default(DateTime);
        TemplateReadResult read;
        if (item.Content is { } content)
        {
            read = new TemplateReadResult(ReadStatus.Ok, content, FileEncodingInfo.Utf8NoBom, null, content.Length);
        }
        else
        {
            read = TemplateFile.Read(item.FullPath, options.MaxFileBytes, out bytes, out writeTime);
        }

        if (!read.Success)
        {
            var message = read.Message ?? read.Status.ToString();
            return new FileOutcome(item.DisplayPath) { SkipReason = message.StartsWith("skipped: ", StringComparison.Ordinal) ? message["skipped: ".Length..] : message };
        }

        var notes = new List<string>();
        var isLatin1 = read.Encoding!.Encoding.CodePage == Encoding.Latin1.CodePage && !read.Encoding.HasBom;
        if (isLatin1)
        {
            notes.Add("note: not valid UTF-8; read as Latin-1");
        }

        var text = read.Text!;
        var document = TemplateDocument.FromPath(item.FullPath, text);
        var result = item.Engine.Analyze(document, item.Configuration, _workspace);
        var fixesApplied = 0;
        string? diff = null;
        string? fixedText = null;
        if (item.Content is not null && options.Fix)
        {
            // --stdin --fix: the fixed text goes to standard output, for an editor or a pipe to use.
            (result, fixesApplied) = ApplyFixes(item, result);
            fixedText = result.Document.Text;
        }
        else if (options.FixDryRun)
        {
            var (fixedResult, applied) = ApplyFixes(item, result);
            if (applied > 0)
            {
                diff = UnifiedDiff.Create(item.DisplayPath, text, fixedResult.Document.Text);
                (result, fixesApplied) = (fixedResult, applied);
            }
        }
        else if (options.Fix)
        {
            (result, fixesApplied) = FixFile(item, result, bytes!, writeTime, read.Encoding, isLatin1, notes);
        }

        var (all, suppressed) = ToMessages(result, item.DisplayPath);
        var shown = options.Quiet ? all.Where(m => m.Severity == DiagnosticSeverity.Error).ToList() : all;
        var shownSuppressed = options.Quiet ? suppressed.Where(m => m.Severity == DiagnosticSeverity.Error).ToList() : suppressed;
        DiagnosticSeverity? highest = all.Count == 0 ? null : all.Max(m => m.Severity);
        var report = new FileReport(item.DisplayPath, shown, shownSuppressed)
        {
            Card = writers.Any(w => w.WantsCards) ? Rules.Cards.ShareCards.Build(result, item.Configuration, _workspace) : null,
        };
        var formatted = new string[writers.Length];
        for (var w = 0; w < writers.Length; w++)
        {
            formatted[w] = writers[w].FormatFile(report);
        }

        var facts = result.SiteFacts.IsEmpty ? PageFacts.None : result.SiteFacts with { Path = item.DisplayPath };
        return new FileOutcome(item.DisplayPath)
        {
            Messages = shown,
            SuppressedCount = shownSuppressed.Count,
            Formatted = formatted,
            Notes = notes,
            FixesApplied = fixesApplied,
            HighestSeverity = highest,
            Warnings = all.Count(m => m.Severity == DiagnosticSeverity.Warning),
            Diff = diff,
            FixedText = fixedText,
            SiteFacts = facts,
        };
    }

    /// <summary>Applies safe fixes pass after pass until nothing changes, in memory. Returns the analysis of the final text.</summary>
    private (AnalysisResult Result, int FixesApplied) ApplyFixes(WorkItem item, AnalysisResult original)
    {
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
        }

        return (result, applied);
    }

    /// <summary>
    /// Applies safe fixes and writes the file once. Returns the analysis of what is on disk afterwards: the fixed text
    /// when written, the original when the write was refused.
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

        var (result, applied) = ApplyFixes(item, original);
        if (applied == 0)
        {
            return (original, 0);
        }

        if (TextEdits.CollectSafeFixes(result).Count > 0)
        {
            notes.Add($"note: fixes did not settle after {MaxFixPasses} passes; run --fix again and report this");
        }

        var write = AtomicFile.ReplaceIfUnchanged(item.FullPath, bytes, writeTime, encoding.Encode(result.Document.Text));
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

    /// <summary>The file's problems and its inline-suppressed ones, in position order, with fingerprints and related locations.</summary>
    private static (List<ReportMessage> Active, List<ReportMessage> Suppressed) ToMessages(AnalysisResult result, string displayPath)
    {
        var source = result.Syntax.Source;
        var lines = source.Lines;
        var entries = new List<(Diagnostic Diagnostic, SuppressionDirective? Directive)>(result.Diagnostics.Count + result.Suppressed.Count);
        entries.AddRange(result.Diagnostics.Select(d => (d, (SuppressionDirective?)null)));
        entries.AddRange(result.Suppressed.Select(s => (s.Diagnostic, (SuppressionDirective?)s.Directive)));

        // Position order first, so the occurrence index in each fingerprint does not depend on the engine's order.
        entries.Sort(static (a, b) =>
        {
            var c = a.Diagnostic.Span.CompareTo(b.Diagnostic.Span);
            c = c != 0 ? c : string.CompareOrdinal(a.Diagnostic.Id, b.Diagnostic.Id);
            return c != 0 ? c : string.CompareOrdinal(a.Diagnostic.Message, b.Diagnostic.Message);
        });

        var occurrences = new Fingerprints.Occurrences();
        var active = new List<ReportMessage>(result.Diagnostics.Count);
        var suppressed = new List<ReportMessage>(result.Suppressed.Count);
        foreach (var (d, directive) in entries)
        {
            var start = lines.GetPosition(d.Span.Start);
            var end = lines.GetPosition(d.Span.End);
            var flagged = d.Span.End <= source.Length ? source.Text.Substring(d.Span.Start, d.Span.Length) : string.Empty;
            var message = new ReportMessage(d.Id, d.Severity, d.Message, start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1)
            {
                Fingerprint = Fingerprints.Compute(displayPath, d.Id, flagged, occurrences.Next(d.Id, flagged)),
                Related = [.. d.RelatedLocations.Where(r => r.DocumentPath is null && r.Span.End <= source.Length).Select(r =>
                {
                    var rs = lines.GetPosition(r.Span.Start);
                    var re = lines.GetPosition(r.Span.End);
                    return new ReportLocation(displayPath, rs.Line + 1, rs.Character + 1, re.Line + 1, re.Character + 1, r.Message);
                })],
                SuppressedBecause = directive is null ? null : directive.Justification ?? string.Empty,
            };
            (directive is null ? active : suppressed).Add(message);
        }

        // The engine sorts by offset already; sorting here keeps the report's order a property of this file.
        active.Sort(CompareMessages);
        suppressed.Sort(CompareMessages);
        return (active, suppressed);
    }

    private static int CompareMessages(ReportMessage a, ReportMessage b)
    {
        var c = a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : a.EndLine.CompareTo(b.EndLine);
        c = c != 0 ? c : a.EndColumn.CompareTo(b.EndColumn);
        c = c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }
}
