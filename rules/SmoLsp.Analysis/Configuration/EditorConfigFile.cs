namespace SmoLsp.Analysis.Configuration;

/// <summary>A <c>dotnet_diagnostic.SMOxxx.severity</c> entry that applies to a file, and where it was written.</summary>
public sealed record EditorConfigSeverity(string RuleId, RuleSeverity Severity, string SourceFile, string Section, int Line);

/// <summary>One <c>[glob]</c> section of an <c>.editorconfig</c>: its severities, in file order.</summary>
public sealed record EditorConfigSection(string Glob, Glob Matcher, IReadOnlyList<(string RuleId, RuleSeverity? Severity, int Line)> Entries);

/// <summary>
/// One <c>.editorconfig</c>, read the way Roslyn reads it for analyzers: <c>dotnet_diagnostic.SMO203.severity =
/// none|silent|suggestion|warning|error</c> (or <c>default</c>) in <c>[glob]</c> sections, matched against the path
/// relative to the file's folder (a glob without <c>/</c> matches the file name at any depth). Finding the files (a
/// closer one wins over a farther one, <c>root = true</c> stops the search) is the host's: the site session reads them
/// from disk, the analyzer package gets them as AdditionalFiles.
/// </summary>
/// <remarks>
/// Mapping to SmoLsp's severities: none = off, silent = hint (kept for the editor, never a problem in CI),
/// suggestion = info, warning, error. Keys for other tools' ids are ignored: the file is shared with them.
/// </remarks>
public sealed record EditorConfigFile(string Path, string Directory, bool IsRoot, IReadOnlyList<EditorConfigSection> Sections)
{
    public const string FileName = ".editorconfig";

    /// <summary>
    /// Sections with SmoLsp severities read per file; later ones are ignored. Each is a glob tried on every file, and
    /// real files have a handful (the file is shared with other tools, whose sections cost nothing here).
    /// </summary>
    public const int MaxSections = 1_000;

    /// <summary>
    /// Applies this file's sections that match <paramref name="relativePath"/> (forward slashes, relative to
    /// <see cref="Directory"/>) to <paramref name="result"/>: later sections overwrite, <c>default</c> removes. Call it
    /// for each file of the chain, outermost first, so closer files win.
    /// </summary>
    public void Apply(string relativePath, Dictionary<string, EditorConfigSeverity> result)
    {
        foreach (var section in Sections)
        {
            if (!section.Matcher.IsMatch(relativePath))
            {
                continue;
            }

            foreach (var (id, severity, line) in section.Entries)
            {
                if (severity is null)
                {
                    // "default": back to the rule's own severity, undoing a farther file.
                    result.Remove(id);
                }
                else
                {
                    result[id] = new EditorConfigSeverity(id, severity.Value, Path, section.Glob, line);
                }
            }
        }
    }

    public static EditorConfigFile Parse(string text, string path, string directory)
    {
        var isRoot = false;
        var sections = new List<EditorConfigSection>();
        string? glob = null;
        List<(string, RuleSeverity?, int)>? entries = null;
        var lineNumber = 0;

        void Close()
        {
            if (glob is not null && entries is { Count: > 0 } && sections.Count < MaxSections)
            {
                sections.Add(new EditorConfigSection(glob, CompileSection(glob), entries));
            }
        }

        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line.EndsWith(']'))
            {
                Close();
                glob = line[1..^1];
                entries = [];
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim().ToLowerInvariant();
            var value = line[(eq + 1)..].Trim().ToLowerInvariant();
            if (glob is null)
            {
                // The preamble only holds "root".
                isRoot |= key == "root" && value == "true";
                continue;
            }

            if (ParseKey(key) is { } id && TryParseSeverity(value, out var severity))
            {
                entries!.Add((id, severity, lineNumber));
            }
        }

        Close();
        return new EditorConfigFile(path, directory, isRoot, sections);
    }

    /// <summary>The rule id of a <c>dotnet_diagnostic.SMOxxx.severity</c> key, or null for any other key.</summary>
    private static string? ParseKey(string key)
    {
        const string Prefix = "dotnet_diagnostic.";
        const string Suffix = ".severity";
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(Suffix, StringComparison.Ordinal) || key.Length <= Prefix.Length + Suffix.Length)
        {
            return null;
        }

        var id = key[Prefix.Length..^Suffix.Length].ToUpperInvariant();
        return id.StartsWith("SMO", StringComparison.Ordinal) ? id : null;
    }

    /// <summary>Roslyn's severity words; null severity means <c>default</c>.</summary>
    public static bool TryParseSeverity(string value, out RuleSeverity? severity)
    {
        // Roslyn accepts "warning ; comment"-free values only, but editors often leave a trailing comment.
        var word = value.Split([' ', '\t', '#', ';'], 2)[0];
        severity = word switch
        {
            "none" => RuleSeverity.Off,
            "silent" or "hidden" => RuleSeverity.Hint,
            "suggestion" or "info" => RuleSeverity.Info,
            "warning" or "warn" => RuleSeverity.Warning,
            "error" => RuleSeverity.Error,
            _ => null,
        };
        return severity is not null || word == "default";
    }

    /// <summary>An EditorConfig section glob, over a forward-slash path relative to the file's folder.</summary>
    public static Glob CompileSection(string glob) =>
        // No slash: the name matches at any depth. A leading slash anchors to the folder (and is dropped).
        Glob.Compile(glob.Contains('/', StringComparison.Ordinal) ? glob.TrimStart('/') : "**/" + glob, GlobSyntax.EditorConfig);
}
