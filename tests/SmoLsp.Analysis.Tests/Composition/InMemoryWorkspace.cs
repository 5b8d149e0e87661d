using System.Collections.Concurrent;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>A site held in memory: paths as written ("/app/Views/Shared/_Layout.cshtml"), texts as given.</summary>
internal sealed class InMemoryWorkspace : ITemplateWorkspace
{
    private readonly ConcurrentDictionary<string, TemplateDocument> _files = new(StringComparer.Ordinal);

    public InMemoryWorkspace(params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            Set(path, text);
        }
    }

    /// <summary>Every path the core asked for, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Set(string path, string text) => _files[path] = TemplateDocument.FromPath(path, text);

    public void Remove(string path) => _files.TryRemove(path, out _);

    public string Text(string path) => _files[path].Text;

    public TemplateDocument Document(string path) => _files[path];

    public TemplateDocument? GetTemplate(string path)
    {
        Requests.Enqueue(path);
        return _files.TryGetValue(path, out var document) ? document : null;
    }

    public bool Exists(string path) => _files.ContainsKey(path) || _files.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));

    public ImageFacts? GetImage(string path) => null;

    public string? GetWebRoot(string documentPath) => null;
}
