namespace SmoLsp.Analysis.Composition;

/// <summary>
/// Path arithmetic on host paths without System.IO (the core may not touch it): paths keep the host's separator, taken
/// from the analyzed document's own path, so what the core asks the workspace for looks like what the host gave it.
/// </summary>
internal static class TemplatePath
{
    public static char SeparatorOf(string path) => path.Contains('\\', StringComparison.Ordinal) && !path.Contains('/', StringComparison.Ordinal) ? '\\' : '/';

    private static int LastSeparator(string path) => path.AsSpan().LastIndexOfAny('/', '\\');

    /// <summary>The folder holding <paramref name="path"/>, or null at a root.</summary>
    public static string? Directory(string path)
    {
        var at = LastSeparator(path);
        if (at < 0)
        {
            return null;
        }

        // "/x" -> "/", "C:\x" -> "C:\"; a root has no parent.
        if (at == 0 || (at == 2 && path[1] == ':'))
        {
            return path.Length == at + 1 ? null : path[..(at + 1)];
        }

        return path[..at];
    }

    public static string FileName(string path) => path[(LastSeparator(path) + 1)..];

    public static string FileNameWithoutExtension(string path)
    {
        var name = FileName(path);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    /// <summary>Joins a folder and a relative path written with '/' (as in Razor), resolving "." and ".." segments.</summary>
    public static string Combine(string directory, string relative)
    {
        var separator = SeparatorOf(directory);
        var other = separator == '/' ? '\\' : '/';
        if (directory.Length > 0 && directory[directory.Length - 1] != separator && directory.IndexOf(other) < 0 && IsPlain(relative))
        {
            // The common case (a folder and "Shared/_Layout.cshtml"): nothing to resolve, one string.
            return string.Concat(directory, separator.ToString(), relative.Replace(other, separator));
        }

        var parts = new List<string>(directory.Split('/', '\\'));
        if (parts.Count > 1 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1); // "/" or "C:\" kept their trailing separator
        }

        foreach (var segment in relative.Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                // Never climb above the root ("" for "/", "C:" for "C:\").
                if (parts.Count > 1)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(segment);
        }

        return parts.Count == 1 ? parts[0] + separator : string.Join(separator, parts);
    }

    /// <summary>True when every segment of <paramref name="relative"/> is a name: none empty, "." or "..".</summary>
    private static bool IsPlain(string relative)
    {
        var start = 0;
        for (var i = 0; i <= relative.Length; i++)
        {
            if (i < relative.Length && relative[i] is not ('/' or '\\'))
            {
                continue;
            }

            var length = i - start;
            if (length == 0 || (relative[start] == '.' && (length == 1 || (length == 2 && relative[start + 1] == '.'))))
            {
                return false;
            }

            start = i + 1;
        }

        return true;
    }

    /// <summary>The folders from <paramref name="directory"/> up to the root, nearest first, at most <paramref name="max"/>.</summary>
    public static List<string> SelfAndAncestors(string directory, int max = 64)
    {
        var result = new List<string>();
        var current = directory;
        for (var i = 0; current is not null && i < max; i++)
        {
            result.Add(current);
            current = Directory(current);
        }

        return result;
    }

    public static bool EqualsPath(string a, string b) =>
        string.Equals(a.Replace('\\', '/'), b.Replace('\\', '/'), StringComparison.Ordinal);
}
