using System;
using System.Collections.Concurrent;
using System.Threading;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analyzers;

/// <summary>
/// The core's <see cref="ITemplateWorkspace"/> over the build's AdditionalFiles: composition finds layouts,
/// <c>_ViewStart</c> and <c>App.razor</c> among them, as <c>smolsp check</c> finds them on disk. Images are unknown (no
/// web root): the rules that judge image files do not run here, and the others never ask.
/// </summary>
internal sealed class AdditionalFilesWorkspace : ITemplateWorkspace
{
    private readonly ProjectSite _site;
    private readonly CancellationToken _cancellation;
    private readonly ConcurrentDictionary<string, TemplateDocument?> _documents = new(StringComparer.Ordinal);

    public AdditionalFilesWorkspace(ProjectSite site, CancellationToken cancellation)
    {
        _site = site;
        _cancellation = cancellation;
    }

    public TemplateDocument? GetTemplate(string path) => _documents.GetOrAdd(path, p =>
        _site.Get(p)?.GetText(_cancellation) is { } text ? TemplateDocument.FromPath(p, text.ToString()) : null);

    public bool Exists(string path) => _site.Exists(path);

    public ImageFacts? GetImage(string path) => null;

    public string? GetWebRoot(string documentPath) => null;
}
