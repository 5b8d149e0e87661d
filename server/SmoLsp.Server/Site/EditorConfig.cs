using System.Collections.Concurrent;
using System.Text;
using SmoLsp.Analysis.Configuration;

namespace SmoLsp.Server.Site;

/// <summary>A <c>dotnet_diagnostic.SMOxxx.severity</c> entry that applies to a file, and where it was written.</summary>
public sealed record EditorConfigSeverity(string RuleId, RuleSeverity Severity, string SourceFile, string Section, int Line);

/// <summary>One <c>[glob]</c> section of an <c>.editorconfig</c>: its severities, in file order.</summary>
public sealed record EditorConfigSection(string Glob, Site.Glob Matcher, IReadOnlyList<(string RuleId, RuleSeverity? Severity, int Line)> Entries);

public sealed record EditorConfigFile(string Path, string Directory, bool IsRoot, IReadOnlyList<EditorConfigSection> Sections);

/// <summary>
/// Reads rule severities from <c>.editorconfig</c> the way Roslyn does for analyzers:
/// <c>dotnet_diagnostic.SMO203.severity = none|silent|suggestion|warning|error</c> (or <c>default</c>). Files are found
/// from the file's folder upward, stopping after one with <c>root = true</c>; a closer file wins over a farther one and
/// a later section over an earlier one. Section globs are matched against the path relative to the
/// <c>.editorconfig</c>'s folder (a glob without <c>/</c> matches the file name at any depth).
/// </summary>
/// <remarks>
/// Mapping to SmoLsp's severities: none = off, silent = hint (kept for the editor, never a problem in CI),
/// suggestion = info, warning, error. Keys for other tools' ids are ignored: the file is shared with them.
/// </remarks>
public sealed class EditorConfig
{
    public const string FileName = ".editorconfig";

    /// <summary>
    /// Sections with SmoLsp severities read per file; later ones are ignored. Each is a glob tried on every file, and
    /// real files have a handful (the file is shared with other tools, whose sections cost nothing here).
    /// </summary>
    public const int MaxSections = 1_000;

    private readonly ConcurrentDictionary<string, IReadOnlyList<EditorConfigFile>> _chainByDirectory = new(StringComparer.Ordinal);
    private readonly FileAccessPolicy _files;

    /// <summary>Files are read through <paramref name="files"/>: up to the site's root, never above it, capped.</summary>
    public EditorConfig(FileAccessPolicy files)
    {
        _files = files;
    }

    public void Invalidate() => _chainByDirectory.Clear();

    /// <summary>The effective editorconfig severity of each rule mentioned for <paramref name="fullPath"/>, by rule id.</summary>
    public IReadOnlyDictionary<string, EditorConfigSeverity> SeveritiesFor(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath);
        var chain = directory is null ? [] : ChainFor(directory);
        if (chain.Count == 0)
        {
            return s_none;
        }

        var result = new Dictionary<string, EditorConfigSeverity>(StringComparer.OrdinalIgnoreCase);

        // Outermost first, so closer files and later sections overwrite.
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var file = chain[i];
            var relative = Path.GetRelativePath(file.Directory, fullPath).Replace('\\', '/');
            foreach (var section in file.Sections)
            {
                if (!section.Matcher.IsMatch(relative))
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
                        result[id] = new EditorConfigSeverity(id, severity.Value, file.Path, section.Glob, line);
                    }
                }
            }
        }

        return result;
    }

    private static readonly Dictionary<string, EditorConfigSeverity> s_none = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The .editorconfig files that apply in a folder, nearest first, up to and including the first root = true, and
    /// never above the site's root: a file there belongs to something else, and is not the site's to read.
    /// </summary>
    private IReadOnlyList<EditorConfigFile> ChainFor(string directory) => _chainByDirectory.GetOrAdd(directory, d =>
    {
        var root = SitePaths.RootOf(d, _files.Roots);
        if (root is null)
        {
            return [];
        }

        var candidate = Path.Combine(d, FileName);
        var read = _files.ReadAll(candidate, FileAccessPolicy.MaxSettingsFileBytes);
        var parsed = read.Success ? Parse(Encoding.UTF8.GetString(read.Bytes!), candidate, d) : null;
        if (parsed is { IsRoot: true })
        {
            return [parsed];
        }

        var parent = Path.GetDirectoryName(d);
        var outer = d == root || parent is null || parent == d ? [] : ChainFor(parent);
        return parsed is null ? outer : [parsed, .. outer];
    });

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
    internal static Glob CompileSection(string glob) =>
        // No slash: the name matches at any depth. A leading slash anchors to the folder (and is dropped).
        Glob.Compile(glob.Contains('/', StringComparison.Ordinal) ? glob.TrimStart('/') : "**/" + glob, GlobSyntax.EditorConfig);
}
