using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Server.Site;

/// <summary>The values are LSP's <c>FileChangeType</c>, so watcher events convert without a table.</summary>
public enum FileChangeKind
{
    Created = 1,
    Changed = 2,
    Deleted = 3,
}

/// <summary>One file-system event: from the editor's watchers (LSP) or a <see cref="FileSystemWatcher"/> (<c>check --watch</c>). A rename is a delete plus a create.</summary>
public readonly record struct FileChange(string Path, FileChangeKind Kind);

/// <summary>What kind of site file a path is, by name: the classification both hosts' watchers use.</summary>
public static class SiteFiles
{
    private static readonly string[] s_imageExtensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"];

    /// <summary>Folder names that hold shared layouts: a layout there serves the pages of the folder above.</summary>
    private static readonly string[] s_layoutFolders = ["Shared", "Layout", "Layouts"];

    /// <summary>The glob patterns the editor is asked to watch (LSP 3.17 glob syntax, braces included).</summary>
    public static readonly IReadOnlyList<string> WatchedGlobs =
    [
        "**/" + ConfigurationParser.FileName,
        AnyFileEndingIn(TemplateLanguages.Extensions),
        "**/" + IgnoreFile.FileName,
        "**/" + EditorConfigFile.FileName,
        AnyFileEndingIn(s_imageExtensions),
    ];

    private static string AnyFileEndingIn(IEnumerable<string> extensions) => "**/*.{" + string.Join(",", extensions.Select(e => e[1..])) + "}";

    /// <summary>
    /// Folders that are created or deleted (moved in, removed with their pages): editors report those only to a watcher
    /// whose glob matches the folder itself, so <c>**/*</c> is watched for creates and deletes (LSP WatchKind 1 | 4).
    /// Everything else it reports is dropped by <see cref="IsRelevant"/>.
    /// </summary>
    public const string FolderGlob = "**/*";

    /// <summary>
    /// True for an event a site can care about: a template, an image, a configuration, ignore or editorconfig file,
    /// or a folder that appeared (<paramref name="kind"/> Created and it exists) or went away (Deleted, no extension),
    /// and not inside a folder the walk never enters below <paramref name="root"/> (bin, obj, node_modules, hidden).
    /// </summary>
    public static bool IsRelevant(string path, FileChangeKind kind, string? root)
    {
        if (root is not null && SitePaths.RelativePath(path, root) is { } relative && relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(SiteWalker.IsSkippedDirectory))
        {
            return false;
        }

        if (IsTemplate(path) || IsImage(path) || IsConfiguration(path) || IsIgnoreFile(path) || IsEditorConfig(path))
        {
            return true;
        }

        return kind switch
        {
            FileChangeKind.Created => Directory.Exists(path),
            FileChangeKind.Deleted => Path.GetExtension(path).Length == 0,
            _ => false,
        };
    }

    public static bool IsTemplate(string path) => SiteWalker.IsTemplatePath(Path.GetFileName(path.AsSpan()));

    public static bool IsImage(string path) => s_imageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public static bool IsConfiguration(string path) => Path.GetFileName(path) == ConfigurationParser.FileName;

    public static bool IsIgnoreFile(string path) => Path.GetFileName(path) == IgnoreFile.FileName;

    public static bool IsEditorConfig(string path) => Path.GetFileName(path) == EditorConfigFile.FileName;

    /// <summary>Files pages inherit from without naming them: <c>_ViewStart</c>, <c>_ViewImports</c>, <c>App.razor</c>, <c>_Imports.razor</c>, layouts.</summary>
    public static bool IsLayoutLike(string path)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(name);
        if (!extension.Equals(".cshtml", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".razor", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        return stem.Equals("_ViewStart", StringComparison.OrdinalIgnoreCase) || stem.Equals("_ViewImports", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("App", StringComparison.OrdinalIgnoreCase) || stem.Equals("_Imports", StringComparison.OrdinalIgnoreCase)
            || stem.Contains("Layout", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The folder whose pages a new layout-like file may serve: its own folder, or the one above a <c>Shared</c> /
    /// <c>Layout</c> folder (<c>Views/Shared/_Layout.cshtml</c> serves <c>Views/**</c>).
    /// </summary>
    public static string LayoutScope(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? path;
        var name = Path.GetFileName(directory);
        return s_layoutFolders.Any(f => f.Equals(name, StringComparison.OrdinalIgnoreCase)) && Path.GetDirectoryName(directory) is { } parent
            ? parent
            : directory;
    }
}

/// <summary>What a batch of file changes means for the site: which pages to check again, which are gone.</summary>
public sealed class SiteChangePlan
{
    public SortedSet<string> Recheck { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Removed { get; } = new(StringComparer.Ordinal);

    /// <summary>Folders that appeared (moved in, unpacked): walk them for templates.</summary>
    public List<string> NewFolders { get; } = [];

    /// <summary>Every path whose cached facts (template text, image header) must be dropped.</summary>
    public List<string> Invalidated { get; } = [];

    /// <summary>A <c>smolsp.json</c> changed: every configuration, include/exclude and result may differ.</summary>
    public bool ConfigurationChanged { get; set; }

    /// <summary>A <c>.smolspignore</c> changed: the set of indexed files may differ.</summary>
    public bool IgnoreFilesChanged { get; set; }

    public bool EditorConfigChanged { get; set; }

    public bool IsEmpty => Recheck.Count == 0 && Removed.Count == 0 && NewFolders.Count == 0 && !ConfigurationChanged && !IgnoreFilesChanged && !EditorConfigChanged;
}

/// <summary>
/// Turns file events into a <see cref="SiteChangePlan"/> using the dependency graph: a changed layout, <c>_ViewStart</c>,
/// <c>App.razor</c> or image re-checks exactly the pages whose analysis read it. A newly created layout-like file
/// also re-checks the pages of its folder subtree, in case the core looks for it by a name it never asked before.
/// </summary>
public static class SiteChangePlanner
{
    /// <param name="changes">The events, in order.</param>
    /// <param name="graph">Who read what.</param>
    /// <param name="isIndexed">True for a page the index holds now.</param>
    /// <param name="belongs">True for a template path that should be indexed (in a root, not ignored, included).</param>
    /// <param name="indexedUnder">The indexed pages under a folder.</param>
    public static SiteChangePlan Plan(IEnumerable<FileChange> changes, DependencyGraph graph, Func<string, bool> isIndexed, Func<string, bool> belongs, Func<string, IEnumerable<string>> indexedUnder)
    {
        var plan = new SiteChangePlan();
        foreach (var change in changes)
        {
            var path = change.Path;
            plan.Invalidated.Add(path);
            if (SiteFiles.IsConfiguration(path))
            {
                plan.ConfigurationChanged = true;
            }
            else if (SiteFiles.IsIgnoreFile(path))
            {
                plan.IgnoreFilesChanged = true;
            }
            else if (SiteFiles.IsEditorConfig(path))
            {
                plan.EditorConfigChanged = true;
            }
            else if (SiteFiles.IsTemplate(path))
            {
                PlanTemplate(plan, change, graph, isIndexed, belongs, indexedUnder);
            }
            else if (SiteFiles.IsImage(path))
            {
                plan.Recheck.UnionWith(graph.DependentsOf(path));
            }
            else if (change.Kind == FileChangeKind.Deleted)
            {
                // Not a file we know by name: maybe a folder. Everything indexed under it is gone too.
                foreach (var page in indexedUnder(path))
                {
                    plan.Removed.Add(page);
                    plan.Recheck.UnionWith(graph.DependentsOf(page));
                }

                plan.Recheck.UnionWith(graph.DependentsUnder(path));
            }
            else if (change.Kind == FileChangeKind.Created && Directory.Exists(path))
            {
                plan.NewFolders.Add(path);
                plan.Recheck.UnionWith(graph.DependentsUnder(path));
            }
        }

        plan.Recheck.ExceptWith(plan.Removed);
        return plan;
    }

    private static void PlanTemplate(SiteChangePlan plan, FileChange change, DependencyGraph graph, Func<string, bool> isIndexed, Func<string, bool> belongs, Func<string, IEnumerable<string>> indexedUnder)
    {
        var path = change.Path;
        if (change.Kind == FileChangeKind.Deleted)
        {
            if (isIndexed(path))
            {
                plan.Removed.Add(path);
            }

            plan.Recheck.Remove(path);
        }
        else
        {
            plan.Removed.Remove(path); // a rename back, or a delete and re-create within one batch
            if (isIndexed(path) || belongs(path))
            {
                plan.Recheck.Add(path);
            }

            if (change.Kind == FileChangeKind.Created && SiteFiles.IsLayoutLike(path))
            {
                plan.Recheck.UnionWith(indexedUnder(SiteFiles.LayoutScope(path)).Where(p => p != path));
            }
        }

        plan.Recheck.UnionWith(graph.DependentsOf(path));
    }
}
