using System.Collections.Concurrent;
using System.Text;
using SmoLsp.Analysis.Configuration;

namespace SmoLsp.Server.Site;

/// <summary>
/// The rule severities <c>.editorconfig</c> files give a file (<see cref="EditorConfigFile"/>: what one file says and how
/// its sections match): the files are found from the file's folder upward, stopping after one with <c>root = true</c>,
/// and a closer file wins over a farther one.
/// </summary>
/// <param name="files">Files are read through it: up to the site's root, never above it, capped.</param>
public sealed class EditorConfig(FileAccessPolicy files)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<EditorConfigFile>> _chainByDirectory = new(StringComparer.Ordinal);

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
            file.Apply(Path.GetRelativePath(file.Directory, fullPath).Replace('\\', '/'), result);
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
        var root = SitePaths.RootOf(d, files.Roots);
        if (root is null)
        {
            return [];
        }

        var candidate = Path.Combine(d, EditorConfigFile.FileName);
        var read = files.ReadAll(candidate, FileAccessPolicy.MaxSettingsFileBytes);
        var parsed = read.Success ? EditorConfigFile.Parse(Encoding.UTF8.GetString(read.Bytes!), candidate, d) : null;
        if (parsed is { IsRoot: true })
        {
            return [parsed];
        }

        var parent = Path.GetDirectoryName(d);
        var outer = d == root || parent is null || parent == d ? [] : ChainFor(parent);
        return parsed is null ? outer : [parsed, .. outer];
    });
}
