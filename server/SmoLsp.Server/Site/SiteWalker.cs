using System.IO.Enumeration;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Server.Site;

/// <summary>
/// One entry of a directory listing. A class, not a struct: the framework's enumerators and collections are compiled
/// ahead of time for classes only, and a struct here made the JIT compile them again at every start.
/// </summary>
public sealed record DirectoryEntry(string FullPath, string Name, bool IsDirectory, bool IsSymbolicLink)
{
    private static readonly EnumerationOptions s_options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The entries of <paramref name="directory"/> (not recursively) that <paramref name="include"/> keeps, all without one; a link is a link, whatever it points to. Throws on an unreadable folder.</summary>
    public static FileSystemEnumerable<DirectoryEntry> List(string directory, FileSystemEnumerable<DirectoryEntry>.FindPredicate? include = null) =>
        new(directory, static (ref FileSystemEntry e) => new DirectoryEntry(e.ToFullPath(), e.FileName.ToString(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0), s_options)
        {
            ShouldIncludePredicate = include,
        };
}

/// <summary>Lists one directory (not recursively). Throws on an unreadable directory; a seam for tests that cannot chmod as root.</summary>
public delegate IReadOnlyList<DirectoryEntry> DirectoryLister(string directory);

/// <summary>A folder or file the walk could not read; reported as a warning and skipped.</summary>
public sealed record WalkProblem(string Path, string Message);

/// <summary>
/// Finds the templates of a site under a folder (the extensions the core reads: <see cref="TemplateLanguages.Extensions"/>),
/// skipping build output, dependencies and hidden folders, and what <c>.smolspignore</c> files exclude on the way down
/// from the site's root (<see cref="IgnoreRules"/>: an ignored folder is never entered). Iterative (no recursion limit
/// on deep trees); an unreadable folder is reported and skipped, never fatal. Symbolic links to folders are not
/// followed: they are how walks loop forever, and the target is usually checked where it really lives. A link to a
/// file is listed; reading it is the <see cref="FileAccessPolicy"/>'s decision.
/// </summary>
public sealed class SiteWalker
{
    private readonly DirectoryLister _lister;
    private readonly IgnoreRules? _ignores;

    public SiteWalker(IgnoreRules? ignores = null, DirectoryLister? lister = null)
    {
        _ignores = ignores;
        _lister = lister ?? ListDirectory;
    }

    /// <summary>A template the core reads, by its extension; <c>sitemap.xml.njk</c> renders XML and is not one.</summary>
    public static bool IsTemplatePath(ReadOnlySpan<char> fileName) => TemplateLanguages.FromFileName(fileName) is not null;

    /// <summary>True for folders the walk never enters: build output, dependencies, VCS data, hidden folders.</summary>
    public static bool IsSkippedDirectory(string name) => IgnoreFile.IsSkippedDirectory(name);

    /// <summary>Adds every template under <paramref name="root"/> (a full path) that no ignore file excludes to <paramref name="files"/>.</summary>
    public void Walk(string root, List<string> files, List<WalkProblem> problems, CancellationToken cancellationToken = default)
    {
        root = Path.TrimEndingDirectorySeparator(root);
        Func<string, bool, bool>? isIgnored = null;
        if (_ignores is { } ignores)
        {
            // The ignore files in force in each folder, outermost first. The walk lists a folder before its
            // subfolders, so a folder's chain extends its parent's, already computed; the walked folder's own chain
            // starts at the site's root (ignore files above the walked folder apply too).
            var chains = new Dictionary<string, IReadOnlyList<IgnoreFile>>(StringComparer.Ordinal);
            IReadOnlyList<IgnoreFile> ChainOf(string directory)
            {
                if (chains.TryGetValue(directory, out var chain))
                {
                    return chain;
                }

                IReadOnlyList<IgnoreFile> outer = ignores.IsSiteRoot(directory) || Path.GetDirectoryName(directory) is not { } parent ? [] : ChainOf(parent);
                chain = ignores.In(directory) is { } own ? [.. outer, own] : outer;
                chains[directory] = chain;
                return chain;
            }

            isIgnored = (path, isDirectory) => IgnoreRules.IsIgnored(ChainOf(Path.GetDirectoryName(path)!), path, isDirectory);
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            IReadOnlyList<DirectoryEntry> entries;
            try
            {
                entries = _lister(directory);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or System.Security.SecurityException)
            {
                problems.Add(new WalkProblem(directory, ex is UnauthorizedAccessException ? "cannot read folder (permission denied); skipped" : "cannot read folder; skipped: " + ex.Message));
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.IsDirectory)
                {
                    if (!entry.IsSymbolicLink && !IsSkippedDirectory(entry.Name) && isIgnored?.Invoke(entry.FullPath, true) != true)
                    {
                        pending.Push(entry.FullPath);
                    }
                }
                else if (IsTemplatePath(entry.Name) && isIgnored?.Invoke(entry.FullPath, false) != true)
                {
                    files.Add(entry.FullPath);
                }
            }
        }
    }

    // Non-templates are skipped before an entry is allocated for them; materialized here so an error part-way through
    // surfaces inside the caller's try.
    private static List<DirectoryEntry> ListDirectory(string directory) =>
        [.. DirectoryEntry.List(directory, static (ref FileSystemEntry e) => e.IsDirectory || IsTemplatePath(e.FileName))];
}
