using SmoLsp.Analysis;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// Wraps the workspace one analysis reads through and remembers every other file it asked about — layouts,
/// <c>_ViewStart</c>, <c>App.razor</c>, images — including files that did not exist (a layout created later must
/// re-check the page that looked for it). That list is the page's edge in the <see cref="DependencyGraph"/>: the core
/// needs no change to tell the hosts what it depends on. One instance per analysis.
/// </summary>
public sealed class RecordingWorkspace : ITemplateWorkspace
{
    private readonly ITemplateWorkspace _inner;
    private readonly string? _self;
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public RecordingWorkspace(ITemplateWorkspace inner, string? documentPath = null)
    {
        _inner = inner;
        _self = documentPath is null ? null : Normalize(documentPath);
    }

    /// <summary>The full paths read so far, sorted (the document itself excluded).</summary>
    public IReadOnlyList<string> Dependencies
    {
        get
        {
            lock (_paths)
            {
                var list = _paths.ToArray();
                Array.Sort(list, StringComparer.Ordinal);
                return list;
            }
        }
    }

    public TemplateDocument? GetTemplate(string path)
    {
        Record(path);
        return _inner.GetTemplate(path);
    }

    public bool Exists(string path)
    {
        Record(path);
        return _inner.Exists(path);
    }

    public ImageFacts? GetImage(string path)
    {
        Record(path);
        return _inner.GetImage(path);
    }

    // The web root is a folder lookup, not a file the page reads; a new wwwroot is rare enough to need a rescan.
    public string? GetWebRoot(string documentPath) => _inner.GetWebRoot(documentPath);

    private void Record(string path)
    {
        var full = Normalize(path);
        if (full == _self)
        {
            return;
        }

        lock (_paths)
        {
            _paths.Add(full);
        }
    }

    private static string Normalize(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
