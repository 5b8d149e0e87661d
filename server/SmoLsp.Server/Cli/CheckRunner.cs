using System.Diagnostics;
using System.Text;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Rules;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Site;
using SmoLsp.Server.Site.Web;

namespace SmoLsp.Server.Cli;

/// <summary>
/// Runs <c>smolsp check</c>, a thin shell over the <see cref="SiteSession"/>: options in; the session finds the pages,
/// resolves each one's configuration and analyzes them on every core; reports out. Each file's report is formatted on
/// the worker that analyzed it (only the formatted text and a few facts are kept, never a parse tree); once every page
/// is read, the cross-page findings join their file's report and every report is written in path order, one entry per
/// file. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public sealed class CheckRunner(TextWriter stdout, TextWriter stderr, AnalysisEngine? engine = null, TextReader? stdin = null)
{
    public const string StdinDisplayName = "<stdin>";

    private static readonly Lazy<AnalysisEngine> s_engine = new(BuiltInRules.CreateEngine);

    /// <summary>The built-in rules, built once per process for every run that is not given an engine.</summary>
    internal static AnalysisEngine DefaultEngine => s_engine.Value;

    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly AnalysisEngine _engine = engine ?? DefaultEngine;

    /// <summary>How folders are listed; tests replace it to simulate folders that cannot be read (root can read anything).</summary>
    public DirectoryLister? DirectoryLister { get; init; }

    /// <summary>The user's trusted-folders file (plugins of workspaces under a listed folder load without --allow-plugins); tests point it elsewhere.</summary>
    public string? TrustedFoldersFile { get; init; } = PluginTrust.DefaultTrustedFoldersFile();

    /// <summary>Runs plugin rules under a time budget; null for the default budget (<see cref="PluginWatchdog.DefaultBudget"/>).</summary>
    public IRuleWatchdog? RuleWatchdog { get; init; }

    /// <summary>Called with every file the session opens for reading (tests audit that nothing outside the site is read).</summary>
    public Action<string>? FileOpened { get; init; }

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
            stderr.WriteLine($"smolsp: internal error: {inner.GetType().Name}: {inner.Message}");
            return ExitCodes.Error;
        }
    }

    /// <summary>A report being written: its format and where it goes.</summary>
    private sealed record ReportSink(ReportWriter Writer, TextWriter Output, bool OwnsOutput, string? File);

    private int RunCore(CheckOptions options, Stopwatch clock)
    {
        var cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!ValidateOptions(options) || !CheckSession.ResolveOverrides(options.RuleOverrides, _engine.Descriptors, stderr, out var overrides))
        {
            return ExitCodes.Error;
        }

        string? stdinText = null;
        if (options.Stdin && !CheckSession.TryReadStdin(stdin, options.MaxFileBytes, stderr, out stdinText))
        {
            return ExitCodes.Error;
        }

        using var plugins = new PluginHost(_engine, new PluginTrust(options.AllowPlugins, TrustedFoldersFile), RuleWatchdog);
        // A check reads a tree that does not change under it: one listing per folder answers the lookups (FileAccessPolicy.Snapshot).
        var start = CheckSession.Start(options, cwd, overrides, _engine, plugins, stderr, DirectoryLister, FileOpened, snapshot: true);
        if (start is not { } check)
        {
            return ExitCodes.Error;
        }

        var site = check.Site;

        // The network only when asked: a URL to check, or --online for the templates' own URLs.
        using var web = check.Urls.Count > 0 || options.Online ? new WebResources(options.Web) : null;
        site.Web = web;
        var work = check.Pages;
        if (stdinText is not null)
        {
            work = [check.StdinPath!];
        }
        else if (options.Shard is { } shard)
        {
            work = [.. work.Where(p => shard.Contains(SitePaths.Display(p, cwd)))];
        }

        if (!options.Quiet)
        {
            foreach (var note in check.Notes)
            {
                stderr.WriteLine(note);
            }
        }

        var sinks = OpenReports(options, cwd, check.Descriptors);
        if (sinks is null)
        {
            return ExitCodes.Error;
        }

        var summary = new CheckSummary { Quiet = options.Quiet, FilesSkipped = check.SkippedByName, DryRun = options.FixDryRun };
        DiagnosticSeverity? highest;
        try
        {
            var run = new FileRun(new CheckFixer(site, options, stdinText is not null), sinks.Any(s => s.Writer.WantsCards), sinks.Any(s => s.Writer.WantsRelated), new ReportMessages.TextPool());
            FileOutcome[] outcomes;
            using (var progress = options.Progress && work.Count > 1 ? new ProgressIndicator(stderr, new object(), work.Count) : null)
            {
                FileOutcome Process(PageAnalysis analysis)
                {
                    var display = stdinText is not null && options.StdinFilename is null ? StdinDisplayName : SitePaths.Display(analysis.Path, cwd);
                    var outcome = ProcessFile(analysis, display, site.NamedFiles.Contains(analysis.Path), run);
                    progress?.Advance();
                    return outcome;
                }

                outcomes = stdinText is not null
                    ? [Process(Recorded(site, site.Analyze(check.StdinPath!, stdinText)))]
                    : site.AnalyzeAll(work, options.Parallelism, Process);
            }

            if (check.Urls.Count > 0)
            {
                // Live pages: another source for the same session, shard by URL path (every job's server may get another port).
                var (served, crawlNotes) = site.AnalyzeServedAllAsync(check.Urls, url => options.Shard?.Contains(WebAddresses.ShardKey(url)) ?? true,
                    analysis => ProcessServed(analysis, run)).GetAwaiter().GetResult();
                outcomes = [.. outcomes, .. served];
                foreach (var note in crawlNotes.Where(n => !options.Quiet || !n.StartsWith("note:", StringComparison.Ordinal)))
                {
                    stderr.WriteLine("smolsp: " + note);
                }
            }

            if (options.SiteFactsFile is { } factsFile)
            {
                // The cross-page rules are `smolsp merge`'s, over every shard: this run only hands over its pages' facts.
                if (SiteFactsFile.Write(factsFile, site, cwd, options.Shard) is { } factsError)
                {
                    stderr.WriteLine("smolsp: error: " + factsError);
                    return ExitCodes.Error;
                }
            }
            else
            {
                AddCrossPageFindings(outcomes, site.EnumerateCrossPageFindings(), cwd, run);
            }

            Array.Sort(outcomes, static (a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
            highest = Write(outcomes, options, sinks, summary);
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

        stdout.Flush();
        if (summary.FilesFixed > 0 && !sinks.Any(s => s.Writer is TextReportWriter && s.File is null))
        {
            stderr.WriteLine($"smolsp: {(options.FixDryRun ? "would fix" : "fixed")} {summary.FixesApplied} problem(s) in {summary.FilesFixed} file(s)");
        }

        if (work.Count == 0 && check.Urls.Count == 0 && !options.Quiet)
        {
            stderr.WriteLine("smolsp: note: no templates to check (" + string.Join(", ", Analysis.Syntax.TemplateLanguages.Extensions) + ")");
        }

        PluginReport.WriteDisabledRules(stderr, check.PluginRuleSets, f => SitePaths.Display(f, cwd));
        if (summary.InternalErrors > 0 || summary.IoFailures > 0 || check.PluginErrors)
        {
            return ExitCodes.Error;
        }

        if (highest is { } h && h >= options.FailOn)
        {
            return ExitCodes.Findings;
        }

        if (options.MaxWarnings is { } max && summary.AllWarnings > max)
        {
            stderr.WriteLine($"smolsp: {summary.AllWarnings} warning(s), more than --max-warnings {max}");
            return ExitCodes.Findings;
        }

        return ExitCodes.Clean;
    }

    private static PageAnalysis Recorded(SiteSession site, PageAnalysis analysis)
    {
        site.Record(analysis);
        return analysis;
    }

    /// <summary>Combinations that make no sense are usage errors (exit 2), reported before any work.</summary>
    private bool ValidateOptions(CheckOptions options)
    {
        var error = options.Fix && options.FixDryRun ? "--fix and --fix-dry-run cannot be combined"
            : options.Stdin && options.SiteFactsFile is not null ? "--site-facts writes the facts of a run's pages for `smolsp merge`; it needs files to check, not --stdin"
            : options.Stdin && options.Paths.Count > 0 ? "--stdin reads one template from standard input; do not also name files or folders"
            : !options.Stdin && options.StdinFilename is not null ? "--stdin-filename needs --stdin"
            : options.EffectiveReports.Count(r => r.File is null) > 1 ? "only one --format can write to standard output; give the others a file (--format sarif=smolsp.sarif)"
            : options.EffectiveReports.Where(r => r.File is not null).GroupBy(r => r.File, StringComparer.Ordinal).Any(g => g.Count() > 1) ? "two --format options write to the same file"
            : (options.Fix || options.FixDryRun) && options.Paths.Any(WebAddresses.IsUrl) ? "--fix and --fix-dry-run change files; a served page (a URL) has none to change"
            : options.MaxWarnings is < 0 ? "--max-warnings must be 0 or more"
            : null;
        if (error is not null)
        {
            stderr.WriteLine("smolsp: error: " + error);
            return false;
        }

        return true;
    }

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
                    stderr.WriteLine($"smolsp: error: --format {target.Format.ToString().ToLowerInvariant()}={file}: cannot write: {ex.Message}");
                    foreach (var opened in sinks.Where(s => s.OwnsOutput))
                    {
                        opened.Output.Dispose();
                    }

                    return null;
                }
            }
            else
            {
                output = stdoutCarriesContent ? stderr : stdout;
            }

            var color = options.Color && target.File is null && !stdoutCarriesContent;
            var context = new ReportContext(descriptors, cwd, color) { OutputFile = target.File };
            sinks.Add(new ReportSink(ReportWriter.Create(target.Format, context), output, owns, target.File));
        }

        return sinks;
    }

    /// <summary>A served page's part of the run: as a file's, never fixed (there is no file), named by its URL, with its redirects noted.</summary>
    private static FileOutcome ProcessServed(PageAnalysis analysis, FileRun run)
    {
        // A served page's redirects and robots.txt verdict are part of what it is reported with.
        var served = analysis.Served!;
        var outcome = ProcessFile(analysis, analysis.Path, served.Named, run, fixable: false);
        return served.Notes.Count > 0 ? outcome with { Notes = [.. served.Notes, .. outcome.Notes] } : outcome;
    }

    /// <summary>What every file of one run is processed with.</summary>
    private sealed record FileRun(CheckFixer Fixer, bool WantsCards, bool WantsRelated, ReportMessages.TextPool Texts);

    /// <summary>One page's part of the run: read, analyzed, fixed when asked, and formatted for every report.</summary>
    private static FileOutcome ProcessFile(PageAnalysis analysis, string displayPath, bool named, FileRun run, bool fixable = true)
    {
        if (analysis.Failure is { } failure)
        {
            // A bug in one file's analysis must not hide the others' results; the run still exits 2.
            return new FileOutcome(displayPath) { InternalError = failure };
        }

        if (analysis.Result is null)
        {
            var message = analysis.SkipReason ?? "not analyzed";
            if (analysis.NotFound && Path.GetFileName(analysis.Path).Contains('\uFFFD', StringComparison.Ordinal))
            {
                // .NET decodes file names as UTF-8; bytes that are not cannot be spelled back to open the file.
                message = "its name is not valid UTF-8, so it cannot be opened by name; rename it";
            }

            message = message.StartsWith("skipped: ", StringComparison.Ordinal) ? message["skipped: ".Length..] : message;
            if (named && analysis.Read?.Status is ReadStatus.Unreadable or ReadStatus.Refused or ReadStatus.NotFound)
            {
                // The user asked for this file: not checking it is an error to act on, not a note.
                return new FileOutcome(displayPath) { ReadError = message };
            }

            return new FileOutcome(displayPath) { SkipReason = message };
        }

        var notes = new List<string>();
        var read = analysis.Read;
        var isLatin1 = read?.Encoding is { } encoding && encoding.Encoding.CodePage == Encoding.Latin1.CodePage && !encoding.HasBom;
        if (isLatin1)
        {
            notes.Add("note: not valid UTF-8; read as Latin-1");
        }

        var fixedRun = fixable ? run.Fixer.Fix(analysis, displayPath, isLatin1, notes) : new FixRun(analysis.Result, 0);
        var (all, suppressed) = ReportMessages.Of(fixedRun.Result, displayPath, run.Texts);
        var card = run.WantsCards ? run.Fixer.Cards(fixedRun.Result, analysis.Configuration) : null;
        return new FileOutcome(displayPath)
        {
            Messages = all,
            Suppressed = suppressed,
            Card = card,
            Notes = notes,
            FixesApplied = fixedRun.FixesApplied,
            Diff = fixedRun.Diff,
            FixedText = fixedRun.FixedText,
            WriteFailed = fixedRun.WriteFailed,
        };
    }

    /// <summary>One file's part of each report (one per --format).</summary>
    private static string[] Format(FileOutcome outcome, CheckOptions options, ReportWriter[] writers)
    {
        var report = new FileReport(outcome.DisplayPath, Shown(outcome.Messages, options), Shown(outcome.Suppressed, options)) { Card = outcome.Card };
        var formatted = new string[writers.Length];
        for (var w = 0; w < writers.Length; w++)
        {
            formatted[w] = writers[w].FormatFile(report);
        }

        return formatted;
    }

    /// <summary>--quiet shows errors only; the verdict still counts everything.</summary>
    private static IReadOnlyList<ReportMessage> Shown(IReadOnlyList<ReportMessage> messages, CheckOptions options) =>
        options.Quiet ? [.. messages.Where(m => m.Severity == DiagnosticSeverity.Error)] : messages;

    /// <summary>The cross-page findings join the report of the file they are on: one entry per file in every format.</summary>
    private static void AddCrossPageFindings(FileOutcome[] outcomes, IEnumerable<SiteDiagnostic> findings, string cwd, FileRun run)
    {
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Length; i++)
        {
            byPath[outcomes[i].DisplayPath] = i;
        }

        // Each finding is converted as it is built and then dropped: only the messages stay.
        var added = new Dictionary<int, (List<ReportMessage> Active, List<ReportMessage> Suppressed)>();
        var displayPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        string Display(string path) => displayPaths.TryGetValue(path, out var d) ? d : displayPaths[path] = SitePaths.Display(path, cwd);
        foreach (var finding in findings)
        {
            var display = Display(finding.Path);
            if (!byPath.TryGetValue(display, out var i) || !outcomes[i].Analyzed)
            {
                continue;
            }

            if (!added.TryGetValue(i, out var lists))
            {
                added[i] = lists = ([.. outcomes[i].Messages], [.. outcomes[i].Suppressed]);
            }

            var message = ReportMessages.Of(finding, display, Display, run.Texts, run.WantsRelated);
            (finding.Suppression is null ? lists.Active : lists.Suppressed).Add(message);
        }

        foreach (var (i, (active, suppressed)) in added)
        {
            active.Sort(ReportMessages.Compare);
            suppressed.Sort(ReportMessages.Compare);
            outcomes[i] = outcomes[i] with { Messages = active, Suppressed = suppressed };
        }
    }

    /// <summary>Writes every file's reports in path order; returns the highest severity seen (quiet or not).</summary>
    private DiagnosticSeverity? Write(FileOutcome[] outcomes, CheckOptions options, List<ReportSink> sinks, CheckSummary summary)
    {
        foreach (var sink in sinks)
        {
            sink.Writer.WriteStart(sink.Output);
        }

        // Reports are formatted here, in path order, a batch at a time on every core: the run keeps each file's
        // messages (cross-page findings join them at the end), never its formatted text, so memory stays flat.
        var writers = sinks.Select(s => s.Writer).ToArray();
        var workers = SiteSession.Workers(options.Parallelism);
        var batch = workers * 32;
        var formatted = new string[batch][];
        DiagnosticSeverity? highest = null;
        for (var index = 0; index < outcomes.Length; index++)
        {
            var outcome = outcomes[index];
            if (index % batch == 0)
            {
                var start = index;
                Parallel.For(start, Math.Min(outcomes.Length, start + batch), new ParallelOptions { MaxDegreeOfParallelism = workers },
                    i => formatted[i - start] = outcomes[i].Analyzed ? Format(outcomes[i], options, writers) : []);
            }

            foreach (var note in outcome.Notes)
            {
                // --quiet drops informational notes but never hides that a requested fix was not written.
                if (!options.Quiet || !note.StartsWith("note:", StringComparison.Ordinal))
                {
                    stderr.WriteLine($"{outcome.DisplayPath}: {note}");
                }
            }

            if (outcome.InternalError is { } internalError)
            {
                summary.InternalErrors++;
                stderr.WriteLine($"{outcome.DisplayPath}: internal error: {internalError}");
                continue;
            }

            if (outcome.ReadError is { } readError)
            {
                summary.IoFailures++;
                stderr.WriteLine($"{outcome.DisplayPath}: error: {readError}");
                continue;
            }

            if (outcome.SkipReason is { } reason)
            {
                summary.FilesSkipped++;
                if (!options.Quiet)
                {
                    stderr.WriteLine($"{outcome.DisplayPath}: skipped: {reason}");
                }

                continue;
            }

            summary.FilesChecked++;
            summary.IoFailures += outcome.WriteFailed ? 1 : 0;
            if (outcome.FixesApplied > 0)
            {
                summary.FilesFixed++;
                summary.FixesApplied += outcome.FixesApplied;
            }

            foreach (var m in outcome.Messages)
            {
                highest = highest is null || m.Severity > highest ? m.Severity : highest;
                summary.AllWarnings += m.Severity == DiagnosticSeverity.Warning ? 1 : 0;
            }

            summary.Add(Shown(outcome.Messages, options), Shown(outcome.Suppressed, options).Count);
            for (var s = 0; s < sinks.Count; s++)
            {
                sinks[s].Writer.WriteFile(sinks[s].Output, formatted[index % batch][s]);
            }

            if (outcome.Diff is { Length: > 0 } diff)
            {
                stdout.Write(diff);
            }

            if (outcome.FixedText is { } fixedText)
            {
                stdout.Write(fixedText);
            }
        }

        return highest;
    }
}
