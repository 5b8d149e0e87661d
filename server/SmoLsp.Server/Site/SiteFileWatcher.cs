namespace SmoLsp.Server.Site;

/// <summary>What a <see cref="SiteFileWatcher"/> saw during one quiet period.</summary>
/// <param name="Overflowed">The OS dropped events (its buffer overflowed): the host should walk everything again.</param>
public sealed record SiteFileBatch(IReadOnlyList<FileChange> Changes, bool Overflowed);

/// <summary>
/// Watches site folders with <see cref="FileSystemWatcher"/> and hands over the events in debounced batches: an
/// editor's save (often a write, a rename and a metadata change) or a branch switch arrives as one batch once the
/// file system has been quiet for <see cref="Debounce"/>. Only events a site cares about pass: templates, images,
/// <c>smolsp.json</c>, <c>.smolspignore</c>, <c>.editorconfig</c>, and folders appearing or disappearing; nothing
/// inside bin, obj, node_modules or hidden folders. A rename is a delete plus a create.
/// <para>
/// One recursive watcher per tree, because on Linux every <see cref="FileSystemWatcher"/> costs an inotify instance
/// (128 per user by default), plus non-recursive ones for folders outside the trees that pages read from.
/// </para>
/// </summary>
public sealed class SiteFileWatcher : IDisposable
{
    private readonly Action<SiteFileBatch> _onBatch;
    private readonly object _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly List<string> _trees = [];
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private List<FileChange> _pending = [];
    private bool _overflowed;
    private bool _disposed;

    public SiteFileWatcher(TimeSpan debounce, Action<SiteFileBatch> onBatch)
    {
        Debounce = debounce;
        _onBatch = onBatch;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public TimeSpan Debounce { get; }

    /// <summary>Watches a folder and everything under it.</summary>
    public void WatchTree(string directory)
    {
        lock (_gate)
        {
            if (_disposed || IsCovered(directory))
            {
                return;
            }

            _trees.Add(directory);
            Add(directory, recursive: true);
        }
    }

    /// <summary>Watches one folder (not its subfolders) unless a tree already covers it or it does not exist.</summary>
    public void WatchFolder(string directory)
    {
        lock (_gate)
        {
            if (!_disposed && !IsCovered(directory) && !_folders.Contains(directory) && Directory.Exists(directory))
            {
                _folders.Add(directory);
                Add(directory, recursive: false);
            }
        }
    }

    /// <summary>True when <paramref name="path"/> is in a watched tree or directly in a watched folder.</summary>
    public bool IsWatched(string path)
    {
        lock (_gate)
        {
            return IsCovered(path) || (Path.GetDirectoryName(path) is { } parent && (_folders.Contains(parent) || IsCovered(parent)));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var watcher in _watchers)
            {
                watcher.EnableRaisingEvents = false;
                watcher.Dispose();
            }

            _watchers.Clear();
        }

        _timer.Dispose();
    }

    private bool IsCovered(string path) => _trees.Any(t => t == path || SitePaths.IsUnder(path, t));

    private void Add(string directory, bool recursive)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => Record(e.FullPath, FileChangeKind.Created);
        watcher.Changed += (_, e) => Record(e.FullPath, FileChangeKind.Changed);
        watcher.Deleted += (_, e) => Record(e.FullPath, FileChangeKind.Deleted);
        watcher.Renamed += (_, e) =>
        {
            Record(e.OldFullPath, FileChangeKind.Deleted);
            Record(e.FullPath, FileChangeKind.Created);
        };
        watcher.Error += (_, _) =>
        {
            lock (_gate)
            {
                _overflowed = true;
                Arm();
            }
        };
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Record(string path, FileChangeKind kind)
    {
        if (!IsRelevant(path, kind))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Add(new FileChange(path, kind));
            Arm();
        }
    }

    private void Arm() => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);

    private bool IsRelevant(string path, FileChangeKind kind)
    {
        string? root;
        lock (_gate)
        {
            root = _trees.Where(t => SitePaths.IsUnder(path, t)).OrderByDescending(t => t.Length).FirstOrDefault()
                ?? (Path.GetDirectoryName(path) is { } parent && _folders.Contains(parent) ? parent : null);
        }

        return SiteFiles.IsRelevant(path, kind, root);
    }

    private void Flush()
    {
        List<FileChange> batch;
        bool overflowed;
        lock (_gate)
        {
            if (_disposed || (_pending.Count == 0 && !_overflowed))
            {
                return;
            }

            batch = _pending;
            overflowed = _overflowed;
            _pending = [];
            _overflowed = false;
        }

        _onBatch(new SiteFileBatch(batch, overflowed));
    }
}
