namespace SmoLsp.Analysis.Composition;

internal enum RazorFolderKind
{
    None,

    /// <summary>MVC: <c>Views/{Controller}/{View}.cshtml</c>.</summary>
    Views,

    /// <summary>Razor Pages: <c>Pages/{Folder...}/{Page}.cshtml</c>.</summary>
    Pages,
}

/// <summary>
/// Where a Razor file sits in an ASP.NET Core app: the nearest <c>Views</c> or <c>Pages</c> folder above it, the area
/// (<c>Areas/{Area}/Views</c>) and the app root above those. Decides the view engine's search locations for a layout
/// or partial name, and which folders may hold a <c>_ViewStart.cshtml</c>.
/// </summary>
internal sealed record RazorLocations(RazorFolderKind Kind, string? KindRoot, string? AreaRoot, string? AppRoot)
{
    public static RazorLocations Of(string path)
    {
        var folder = TemplatePath.Directory(path);
        if (folder is null)
        {
            return new RazorLocations(RazorFolderKind.None, null, null, null);
        }

        foreach (var ancestor in TemplatePath.SelfAndAncestors(folder))
        {
            var name = TemplatePath.FileName(ancestor);
            var kind = name == "Views" ? RazorFolderKind.Views : name == "Pages" ? RazorFolderKind.Pages : RazorFolderKind.None;
            if (kind == RazorFolderKind.None)
            {
                continue;
            }

            var parent = TemplatePath.Directory(ancestor);
            var grandParent = parent is null ? null : TemplatePath.Directory(parent);
            if (grandParent is not null && TemplatePath.FileName(grandParent) == "Areas")
            {
                return new RazorLocations(kind, ancestor, parent, TemplatePath.Directory(grandParent));
            }

            return new RazorLocations(kind, ancestor, null, parent);
        }

        return new RazorLocations(RazorFolderKind.None, null, null, null);
    }

    /// <summary>Folders whose <c>_ViewStart.cshtml</c> applies to a page in <paramref name="pageFolder"/>, nearest first, up to the app root.</summary>
    public List<string> ViewStartFolders(string? pageFolder)
    {
        var result = new List<string>();
        if (pageFolder is null)
        {
            return result;
        }

        var max = AppRoot is null ? 2 : 32;
        foreach (var folder in TemplatePath.SelfAndAncestors(pageFolder, max))
        {
            result.Add(folder);
            if (AppRoot is not null && TemplatePath.EqualsPath(folder, AppRoot))
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>
    /// The view engine's locations for a name, as folders: Razor Pages look in the page's folder and each parent up to
    /// <c>Pages</c>, then <c>Pages/Shared</c> and <c>Views/Shared</c>; MVC in the controller's folder, then
    /// <c>Views/Shared</c>; areas first in their own <c>Shared</c> folders.
    /// </summary>
    public List<string> SearchFolders(string executingFolder)
    {
        var result = new List<string>();
        switch (Kind)
        {
            case RazorFolderKind.Pages:
                foreach (var folder in TemplatePath.SelfAndAncestors(executingFolder))
                {
                    result.Add(folder);
                    if (KindRoot is null || TemplatePath.EqualsPath(folder, KindRoot))
                    {
                        break;
                    }
                }

                break;
            case RazorFolderKind.Views:
                result.Add(executingFolder);
                break;
            default:
                result.Add(executingFolder);
                result.Add(TemplatePath.Combine(executingFolder, "Shared"));
                if (TemplatePath.Directory(executingFolder) is { } parent)
                {
                    result.Add(TemplatePath.Combine(parent, "Shared"));
                }

                return result;
        }

        if (AreaRoot is not null)
        {
            result.Add(TemplatePath.Combine(AreaRoot, Kind == RazorFolderKind.Pages ? "Pages/Shared" : "Views/Shared"));
            if (Kind == RazorFolderKind.Pages)
            {
                result.Add(TemplatePath.Combine(AreaRoot, "Views/Shared"));
            }
        }

        if (AppRoot is not null)
        {
            if (Kind == RazorFolderKind.Pages)
            {
                result.Add(TemplatePath.Combine(AppRoot, "Pages/Shared"));
            }

            result.Add(TemplatePath.Combine(AppRoot, "Views/Shared"));
        }

        return result;
    }
}
