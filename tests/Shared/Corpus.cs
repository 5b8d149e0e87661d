namespace SmoLsp.Tests;

/// <summary>
/// The shared corpus of real templates (<c>../shared/corpus</c> next to the repository), when present. A fresh clone
/// has no corpus: tests that need it are skipped ("skipped: corpus not found"); in CI (<c>CI=true</c>) the corpus must
/// be there, so those tests run and fail loudly instead of passing on nothing.
/// </summary>
public static class Corpus
{
    public const string NotFound = "skipped: corpus not found (../shared/corpus beside the repository)";

    public static string? Root { get; } = Find();

    /// <summary>Why corpus tests are skipped here, or null when they run.</summary>
    public static string? SkipReason => Root is null && !IsCi ? NotFound : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

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

    /// <summary>Every corpus file with one of <paramref name="extensions"/>, sorted.</summary>
    public static IEnumerable<string> All(params string[] extensions) =>
        Root is null
            ? []
            : Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
}

/// <summary>A fact that needs the corpus: skipped without it, except in CI.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        Skip = Corpus.SkipReason;
    }
}

/// <summary>A theory that needs the corpus: skipped without it, except in CI.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        Skip = Corpus.SkipReason;
    }
}
