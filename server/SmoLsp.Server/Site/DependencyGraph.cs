namespace SmoLsp.Server.Site;

/// <summary>
/// Which pages read which other files (page → layout, <c>_ViewStart</c>, <c>App.razor</c>, images), from what each
/// analysis recorded through a <see cref="SiteWorkspace.Recorder"/>, and the reverse: what to re-check when a file
/// changes. A page's whole chain is recorded by its own analysis (the core reads the layout's layout too), so
/// direct dependents are all the dependents there are. Thread-safe. Dependency paths are stored once each, however
/// many pages share them.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string[]> _dependencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public int PageCount
    {
        get
        {
            lock (_gate)
            {
                return _dependencies.Count;
            }
        }
    }

    /// <summary>Replaces what <paramref name="page"/> depends on.</summary>
    public void Set(string page, IReadOnlyCollection<string> dependencies)
    {
        lock (_gate)
        {
            RemoveCore(page);
            if (dependencies.Count == 0)
            {
                return;
            }

            var stored = new string[dependencies.Count];
            var i = 0;
            foreach (var dependency in dependencies)
            {
                // One string per path: a layout shared by 5,000 pages is stored once, not 5,000 times.
                if (!_strings.TryGetValue(dependency, out var canonical))
                {
                    _strings.Add(dependency);
                    canonical = dependency;
                }

                if (!_dependents.TryGetValue(canonical, out var pages))
                {
                    _dependents[canonical] = pages = new HashSet<string>(StringComparer.Ordinal);
                }

                pages.Add(page);
                stored[i++] = canonical;
            }

            _dependencies[page] = stored;
        }
    }

    public void Remove(string page)
    {
        lock (_gate)
        {
            RemoveCore(page);
        }
    }

    /// <summary>The pages whose last analysis read <paramref name="path"/>, sorted.</summary>
    public IReadOnlyList<string> DependentsOf(string path)
    {
        lock (_gate)
        {
            if (!_dependents.TryGetValue(path, out var pages))
            {
                return [];
            }

            var list = pages.ToArray();
            Array.Sort(list, StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>The pages that read anything inside <paramref name="directory"/> (a deleted or renamed folder).</summary>
    public IReadOnlyList<string> DependentsUnder(string directory)
    {
        lock (_gate)
        {
            var result = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (dependency, pages) in _dependents)
            {
                if (SitePaths.IsUnder(dependency, directory))
                {
                    result.UnionWith(pages);
                }
            }

            return [.. result];
        }
    }

    public IReadOnlyList<string> DependenciesOf(string page)
    {
        lock (_gate)
        {
            return _dependencies.TryGetValue(page, out var list) ? list : [];
        }
    }

    private void RemoveCore(string page)
    {
        if (!_dependencies.Remove(page, out var old))
        {
            return;
        }

        foreach (var dependency in old)
        {
            if (_dependents.TryGetValue(dependency, out var pages) && pages.Remove(page) && pages.Count == 0)
            {
                _dependents.Remove(dependency);
                _strings.Remove(dependency);
            }
        }
    }
}
