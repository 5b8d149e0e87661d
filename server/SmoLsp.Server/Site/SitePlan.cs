namespace SmoLsp.Server.Site;

/// <summary>What a batch of changes means: pages gone, pages to check again, open pages whose inputs changed.</summary>
public sealed class SitePlan
{
    public List<string> Removed { get; } = [];

    /// <summary>Pages to analyze again from disk, sorted.</summary>
    public List<string> Check { get; } = [];

    /// <summary>Open pages (the host's) that read something that changed: the host analyzes them again.</summary>
    public List<string> OpenAffected { get; } = [];

    /// <summary>The site was walked again (configuration, ignore files or folders changed).</summary>
    public bool Walked { get; set; }

    public List<WalkProblem> Problems { get; } = [];
}

/// <summary>Work for <see cref="SiteSession.Plan"/>: file events, and what the host knows must happen.</summary>
public sealed class SiteBatch
{
    public List<FileChange> Changes { get; } = [];

    /// <summary>Walk every folder again and check what is new or was checked under another configuration.</summary>
    public bool Walk { get; set; }

    /// <summary>Check every page again (events were lost).</summary>
    public bool CheckAll { get; set; }

    /// <summary>Pages to check again whatever else happened (an open page was closed: its disk text is what counts now).</summary>
    public HashSet<string> Check { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => !Walk && !CheckAll && Changes.Count == 0 && Check.Count == 0;

    /// <summary>Adds <paramref name="other"/>'s work to this batch.</summary>
    public void Merge(SiteBatch other)
    {
        Changes.AddRange(other.Changes);
        Walk |= other.Walk;
        CheckAll |= other.CheckAll;
        Check.UnionWith(other.Check);
    }
}
