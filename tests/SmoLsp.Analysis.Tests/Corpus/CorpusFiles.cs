namespace SmoLsp.Analysis.Tests.Corpus;

/// <summary>The shared corpus of real templates (../shared/corpus next to the repository), when present.</summary>
internal static class CorpusFiles
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static IEnumerable<string> All(params string[] extensions) =>
        Root is null
            ? []
            : Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
}
