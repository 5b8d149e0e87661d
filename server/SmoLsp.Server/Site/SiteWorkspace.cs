using System.Collections.Concurrent;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Server.Site.Web;

namespace SmoLsp.Server.Site;

/// <summary>
/// The core's <see cref="ITemplateWorkspace"/> over the site: other templates and image facts, read through the
/// <see cref="FileAccessPolicy"/> and cached by path until the file's size or write time changes, so a layout shared by
/// a thousand pages is read and parsed once per version. <see cref="Overlay"/> puts the editor's open buffers first.
/// One per session; each analysis reads it through a <see cref="Recorder"/>, which is how the session learns a page's
/// dependencies without the core having to report them. With <see cref="Web"/> (a live check, <c>--online</c>), URLs are
/// answered from the web (<see cref="WebResources"/>); without it, nothing is ever fetched.
/// </summary>
public sealed class SiteWorkspace : IWebWorkspace
{
    private readonly FileAccessPolicy _files;
    private readonly SiteSettings _settings;
    private readonly ConcurrentDictionary<string, Stamped<TemplateDocument?>> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Stamped<ImageFacts?>> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _webRoots = new(StringComparer.Ordinal);

    public SiteWorkspace(FileAccessPolicy files, SiteSettings settings)
    {
        _files = files;
        _settings = settings;
    }

    /// <summary>Open documents that win over disk content (the editor's unsaved text); null in batch mode.</summary>
    public Func<string, TemplateDocument?>? Overlay { get; set; }

    /// <summary>Where URLs are answered (share images, og:url); null: the network is never used.</summary>
    public WebResources? Web { get; set; }

    public bool FetchesWeb => Web is not null;

    public WebResponseFacts? GetPageResponse(string url) => Web?.GetPageResponse(url, null);

    /// <summary>An image's facts; a URL not answered yet starts its fetch and goes into <paramref name="pending"/>.</summary>
    public ImageFacts? GetImage(string path, ICollection<Task>? pending) => WebAddresses.IsUrl(path) ? Web?.GetImage(path, pending) : GetImage(path);

    public TemplateDocument? GetTemplate(string path)
    {
        // A served page is complete as it was sent: no layout, no file behind a URL.
        var full = WebAddresses.IsUrl(path) ? null : Full(path);
        if (full is null)
        {
            return null;
        }

        if (Overlay?.Invoke(full) is { } open)
        {
            return open;
        }

        // Under a snapshot (check) a file read once is current: no stat per page that asks for the same layout.
        var known = _templates.TryGetValue(full, out var cached);
        if (known && _files.Snapshot)
        {
            return cached!.Value;
        }

        var stamp = _files.KnownAbsent(full) ? null : FileStamp.Of(full);
        if (stamp is null)
        {
            return null;
        }

        if (known && cached!.Stamp == stamp)
        {
            return cached.Value;
        }

        var read = TemplateFile.Read(_files, full);
        var document = read.Success ? TemplateDocument.FromPath(full, read.Text!) : null;
        _templates[full] = new(stamp, document);
        return document;
    }

    public bool Exists(string path) => !WebAddresses.IsUrl(path) && Full(path) is { } full && (Overlay?.Invoke(full) is not null || _files.Kind(full) != FileKind.None);

    public ImageFacts? GetImage(string path)
    {
        if (WebAddresses.IsUrl(path))
        {
            return Web?.GetImage(path, null);
        }

        var full = Full(path);
        if (full is null)
        {
            return null;
        }

        var known = _images.TryGetValue(full, out var cached);
        if (known && _files.Snapshot)
        {
            return cached!.Value;
        }

        var stamp = _files.KnownAbsent(full) ? null : FileStamp.Of(full);
        if (stamp is null)
        {
            return null;
        }

        if (known && cached!.Stamp == stamp)
        {
            return cached.Value;
        }

        var facts = ImageFile.Read(_files, full);
        _images[full] = new(stamp, facts);
        return facts;
    }

    /// <summary>
    /// The folder the site's URL path <c>/</c> maps to for a document: the configured <c>webRoot</c> (validated to be
    /// inside the site), else the nearest <c>wwwroot</c> above it (ASP.NET serves it at "/"), else the folder of its
    /// <c>smolsp.json</c> or repository. One lookup per folder.
    /// </summary>
    public string? GetWebRoot(string documentPath)
    {
        if (WebAddresses.IsUrl(documentPath) || Full(documentPath) is not { } full || Path.GetDirectoryName(full) is not { } directory)
        {
            return null;
        }

        var configuration = _settings.BaseFor(directory).Configuration;
        if (SiteSettings.ConfiguredWebRoot(configuration) is { } configured)
        {
            return _files.Resolve(configured) is not null ? configured : null;
        }

        return _webRoots.GetOrAdd(directory, FindWebRoot);
    }

    private string? FindWebRoot(string directory)
    {
        var root = SitePaths.RootOf(directory, _files.Roots);
        for (var dir = directory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (_files.Kind(Path.Combine(dir, "wwwroot")) == FileKind.Directory)
            {
                return Path.Combine(dir, "wwwroot");
            }

            if (dir == root || _files.Kind(Path.Combine(dir, "smolsp.json")) != FileKind.None || (!_files.KnownAbsent(Path.Combine(dir, ".git")) && Path.Exists(Path.Combine(dir, ".git"))))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>Forgets cached facts for a path (a watcher saw it change), or everything.</summary>
    public void Invalidate(string? path = null)
    {
        if (path is null)
        {
            _templates.Clear();
            _images.Clear();
            _webRoots.Clear();
            return;
        }

        if (Full(path) is { } full)
        {
            _templates.TryRemove(full, out _);
            _images.TryRemove(full, out _);
            if (Path.GetFileName(full) is "wwwroot" or "smolsp.json")
            {
                _webRoots.Clear();
            }
        }
    }

    private static string? Full(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>
    /// The workspace one analysis reads through: remembers every other file it asked about — layouts,
    /// <c>_ViewStart</c>, <c>App.razor</c>, images — including files that did not exist (a layout created later must
    /// re-check the page that looked for it). That list is the page's edge in the <see cref="DependencyGraph"/>.
    /// </summary>
    public sealed class Recorder : IWebWorkspace
    {
        private readonly ITemplateWorkspace _inner;
        private readonly string? _self;
        private readonly HashSet<string>? _paths;
        private readonly Lock _pathsGate = new();
        private readonly List<Task> _pending = [];

        /// <param name="inner">The workspace read through.</param>
        /// <param name="documentPath">The page analyzed: not a dependency of itself.</param>
        /// <param name="recordReads">False when nothing will ask what the page depends on (a check's snapshot): reads are not recorded.</param>
        public Recorder(ITemplateWorkspace inner, string? documentPath = null, bool recordReads = true)
        {
            _inner = inner;
            _self = documentPath is null || !recordReads ? null : Full(documentPath) ?? documentPath;
            _paths = recordReads ? new(StringComparer.Ordinal) : null;
        }

        /// <summary>The full paths read so far, sorted (the document itself excluded); none when reads are not recorded.</summary>
        public IReadOnlyList<string> Dependencies
        {
            get
            {
                if (_paths is null)
                {
                    return [];
                }

                lock (_pathsGate)
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
            if (WebAddresses.IsUrl(path))
            {
                return _inner is SiteWorkspace site ? site.GetImage(path, _pending) : _inner.GetImage(path);
            }

            Record(path);
            return _inner.GetImage(path);
        }

        public string? GetWebRoot(string documentPath) => _inner.GetWebRoot(documentPath);

        public bool FetchesWeb => _inner.FetchesWeb();

        public WebResponseFacts? GetPageResponse(string url) =>
            _inner is SiteWorkspace { Web: { } web } ? web.GetPageResponse(url, _pending) : _inner.GetPageResponse(url);

        /// <summary>Fetches the analysis asked about that had not answered yet: the session waits for them and analyzes again.</summary>
        public IReadOnlyList<Task> Pending
        {
            get
            {
                if (_pending.Count == 0)
                {
                    return []; // nearly always: the web is asked only with --online, and answers from its cache
                }

                lock (_pending)
                {
                    return [.. _pending];
                }
            }
        }

        private void Record(string path)
        {
            if (_paths is null)
            {
                return;
            }

            var full = Full(path) ?? path;
            if (full == _self)
            {
                return;
            }

            lock (_pathsGate)
            {
                _paths.Add(full);
            }
        }
    }
}
