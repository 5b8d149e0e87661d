using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>
/// How the command line (<c>check</c>, <c>check --watch</c>, <c>--print-config</c>) opens a <see cref="SiteSession"/>:
/// the paths it was given split into folders and named files, the configuration of each checked, and what to tell the
/// user — kept in one place so the commands cannot disagree about which files a run covers.
/// </summary>
public sealed class CheckSession
{
    private CheckSession(SiteSession site)
    {
        Site = site;
    }

    public SiteSession Site { get; }

    /// <summary>The pages to check: named files and walked ones, sorted.</summary>
    public List<string> Pages { get; private set; } = [];

    /// <summary>URLs to fetch and check (live pages), in the order given.</summary>
    public List<Uri> Urls { get; } = [];

    /// <summary>With <c>--stdin</c>: the path the text is checked as (its folder's configuration applies).</summary>
    public string? StdinPath { get; private init; }

    /// <summary>Warnings and notes for standard error (a folder that could not be read, a named file that is not a template).</summary>
    public List<string> Notes { get; } = [];

    public int SkippedByName { get; private set; }

    /// <summary>Every rule that could report: the built-ins and each loaded plugin's (SARIF lists them all).</summary>
    public IReadOnlyList<RuleDescriptor> Descriptors { get; private set; } = [];

    public IReadOnlyList<PluginRuleSet> PluginRuleSets { get; private set; } = [];

    /// <summary>A plugin failed to load: the run exits 2 after reporting.</summary>
    public bool PluginErrors { get; private set; }

    /// <summary>
    /// Opens the session for a run: null (after printing why) on a usage or configuration error — a path that does not
    /// exist, a configuration file that cannot be read or has errors, an unknown rule id.
    /// </summary>
    public static CheckSession? Start(CheckOptions options, string cwd, IReadOnlyList<KeyValuePair<string, RuleSeverity>> overrides, AnalysisEngine engine,
        PluginHost? plugins, TextWriter stderr, DirectoryLister? lister = null, Action<string>? fileOpened = null, bool snapshot = false)
    {
        string Display(string path) => SitePaths.Display(path, cwd);
        var folders = new List<string>();
        var files = new List<string>();
        var notes = new List<string>();
        var skipped = 0;
        var ok = true;
        string? stdinPath = null;
        var urls = new List<Uri>();
        if (options.Stdin)
        {
            stdinPath = Path.GetFullPath(options.StdinFilename ?? "stdin.html", cwd);
            files.Add(stdinPath);
        }
        else
        {
            foreach (var path in options.Paths.Count > 0 ? options.Paths : ["."])
            {
                if (Server.Site.Web.WebAddresses.IsUrl(path))
                {
                    if (Server.Site.Web.WebAddresses.Parse(path) is { } url)
                    {
                        urls.Add(url);
                    }
                    else
                    {
                        stderr.WriteLine($"smolsp: error: {path}: not a valid URL");
                        ok = false;
                    }

                    continue;
                }

                var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, cwd));
                if (File.Exists(full))
                {
                    if (!SiteFiles.IsTemplate(full))
                    {
                        notes.Add($"{Display(full)}: skipped: not a template ({string.Join(", ", Analysis.Syntax.TemplateLanguages.Extensions)})");
                        skipped++;
                        continue;
                    }

                    files.Add(full);
                }
                else if (Directory.Exists(full))
                {
                    folders.Add(full);
                }
                else
                {
                    stderr.WriteLine($"smolsp: error: {path}: no such file or folder");
                    ok = false;
                }
            }
        }

        if (!TryResolveConfigFile(options.ConfigFile, cwd, stderr, out var configFile) || !ok)
        {
            return null;
        }

        var site = new SiteSession(engine, new SiteOptions { Folders = folders, Files = files, ConfigFile = configFile, Overrides = overrides, MaxFileBytes = options.MaxFileBytes, WorkingDirectory = cwd, Snapshot = snapshot,
            WebFolder = urls.Count > 0 ? cwd : null },
            plugins, lister);
        site.Files.Opened = fileOpened;
        var session = new CheckSession(site) { StdinPath = stdinPath, SkippedByName = skipped };
        session.Urls.AddRange(urls.DistinctBy(u => u.AbsoluteUri));
        session.Notes.AddRange(notes);
        var problems = new List<WalkProblem>();
        var pages = new SortedSet<string>(site.Walk(problems), StringComparer.Ordinal);
        pages.UnionWith(files.Where(f => f != stdinPath));
        session.Notes.AddRange(problems.Select(problem => $"{Display(problem.Path)}: warning: {problem.Message}"));

        session.Pages = stdinPath is null ? [.. pages] : [stdinPath];
        // Served pages take the working directory's configuration: a broken one is an error before anything is fetched.
        string[] configured = urls.Count > 0 ? [.. session.Pages, Path.Combine(cwd, "index.html")] : [.. session.Pages];
        return session.Configure(configured, folders, engine, overrides, stderr, Display) ? session : null;
    }

    /// <summary>
    /// Resolves the configuration of every folder given and every page; prints configuration errors (exit 2) and
    /// plugin messages. A folder's own configuration is checked even when it holds no template: a broken file must not
    /// pass silently.
    /// </summary>
    private bool Configure(IEnumerable<string> pages, IEnumerable<string> folders, AnalysisEngine engine, IReadOnlyList<KeyValuePair<string, RuleSeverity>> overrides,
        TextWriter stderr, Func<string, string> display)
    {
        var errors = new List<ConfigurationError>();
        var reported = new HashSet<ConfigurationResult>(ReferenceEqualityComparer.Instance);
        var ruleSets = new List<PluginRuleSet>();
        foreach (var path in folders.Select(f => Path.Combine(f, ".")).Concat(pages))
        {
            var settings = Site.Settings.For(path);
            if (settings.Plugins is { } plugins && !ruleSets.Contains(plugins))
            {
                ruleSets.Add(plugins);
            }

            if (!settings.Success && reported.Add(settings.Base))
            {
                errors.AddRange(settings.Errors);
            }
        }

        PluginRuleSets = ruleSets;
        PluginErrors = PluginReport.WriteMessages(stderr, ruleSets, display);
        var engines = ruleSets.Select(r => r.Engine).Append(engine).Distinct().ToList();
        if (!PluginReport.CheckOverrides(stderr, overrides.Select(o => o.Key), engines))
        {
            return false;
        }

        foreach (var error in errors.Distinct().OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column))
        {
            stderr.WriteLine(ReportMessages.Format(error, display));
        }

        Descriptors = engines.SelectMany(e => e.Descriptors).DistinctBy(d => d.Id, StringComparer.OrdinalIgnoreCase).ToList();
        return errors.Count == 0;
    }

    /// <summary>
    /// Checks <c>--rule</c> ids against the catalog, in order (a later <c>--rule</c> wins). <c>*</c> stands for every
    /// rule, so <c>--rule '*=off' --rule SMO210=warning</c> runs one rule alone (the cross-page CI job does).
    /// </summary>
    public static bool ResolveOverrides(IReadOnlyList<KeyValuePair<string, RuleSeverity>> requested, IReadOnlyList<RuleDescriptor> descriptors,
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

    /// <summary><c>--config FILE</c> as a full path (null when not given); false, after saying so, when the file does not exist.</summary>
    public static bool TryResolveConfigFile(string? config, string cwd, TextWriter stderr, out string? configFile)
    {
        configFile = config is null ? null : Path.GetFullPath(config, cwd);
        if (configFile is not null && !File.Exists(configFile))
        {
            stderr.WriteLine($"smolsp: error: --config {config}: no such file");
            return false;
        }

        return true;
    }

    /// <summary>Reads <c>--stdin</c> with the same cap as a file: a 50 MB pipe is refused, not buffered.</summary>
    public static bool TryReadStdin(TextReader? stdin, long maxBytes, TextWriter stderr, out string? text)
    {
        text = null;
        var reader = stdin ?? TextReader.Null;
        var buffer = new char[64 * 1024];
        var sb = new System.Text.StringBuilder();
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            sb.Append(buffer, 0, n);

            // Characters, not bytes: a UTF-8 byte is at most one character, so this never refuses what the file cap accepts.
            if (sb.Length > maxBytes)
            {
                stderr.WriteLine($"smolsp: error: --stdin: the input is over the {FileAccessPolicy.FormatSize(maxBytes)} limit for one template");
                return false;
            }
        }

        text = sb.ToString();
        return true;
    }
}
