namespace SmoLsp.Server.Workspace;

/// <summary>
/// Finds the templates of a site for the language server's index and <c>check --watch</c>: the same folders as
/// <see cref="TemplateWalker"/> (bin, obj, node_modules, .git and hidden folders skipped, folder links not followed),
/// minus what <c>.smolspignore</c> files exclude on the way down. Iterative; an unreadable folder is reported, not fatal.
/// </summary>
public sealed class SiteWalker
{
    private readonly TemplateWalker _walker;

    public SiteWalker(IgnoreRules ignores, DirectoryLister? lister = null)
    {
        Ignores = ignores;
        _walker = new TemplateWalker(lister);
    }

    public IgnoreRules Ignores { get; }

    /// <summary>Adds every template under <paramref name="root"/> (a full path) that no ignore file excludes.</summary>
    public void Walk(string root, List<string> files, List<WalkProblem> problems, CancellationToken cancellationToken = default)
    {
        // The ignore files in force in each folder, outermost first. The walk lists a folder before its subfolders,
        // so a folder's chain extends its parent's, already computed.
        root = Path.TrimEndingDirectorySeparator(root);
        var chains = new Dictionary<string, IReadOnlyList<IgnoreFile>>(StringComparer.Ordinal);
        IReadOnlyList<IgnoreFile> ChainOf(string directory)
        {
            if (chains.TryGetValue(directory, out var chain))
            {
                return chain;
            }

            IReadOnlyList<IgnoreFile> outer = directory == root || Path.GetDirectoryName(directory) is not { } parent ? [] : ChainOf(parent);
            chain = Ignores.In(directory) is { } own ? [.. outer, own] : outer;
            chains[directory] = chain;
            return chain;
        }

        _walker.Walk(root, files, problems, (path, isDirectory) => IgnoreRules.IsIgnored(ChainOf(Path.GetDirectoryName(path)!), path, isDirectory), cancellationToken);
    }
}
