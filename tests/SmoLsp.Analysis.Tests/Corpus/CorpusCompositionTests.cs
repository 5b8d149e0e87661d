using System.Collections.Concurrent;
using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Tests.Composition;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Tests.Corpus;

/// <summary>Composition over real ASP.NET Core sites in the corpus: no exception, every page finds its layout or host, exact maps.</summary>
public sealed class CorpusCompositionTests
{
    private static readonly string? s_eShop = SmoLsp.Tests.Corpus.Root is { } root ? Path.Combine(root, "dotnet-architecture__eShopOnWeb") : null;
    private static readonly string? s_blazor = SmoLsp.Tests.Corpus.Root is { } root ? Path.Combine(root, "dotnet__blazor-samples") : null;

    /// <summary>The corpus on disk, read the way the hosts do (a missing file is absent, never an exception).</summary>
    private sealed class DiskWorkspace : ITemplateWorkspace
    {
        private readonly ConcurrentDictionary<string, TemplateDocument?> _files = new(StringComparer.Ordinal);

        public TemplateDocument? GetTemplate(string path) =>
            _files.GetOrAdd(path, p => File.Exists(p) ? TemplateDocument.FromPath(p, File.ReadAllText(p)) : null);

        public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

        public ImageFacts? GetImage(string path) => null;

        public string? GetWebRoot(string documentPath) => null;
    }

    private static IEnumerable<string> Templates(string? root) =>
        root is null || !Directory.Exists(root)
            ? []
            : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".razor", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);

    private static readonly AnalysisEngine s_engine = new([
        MissingMetaRule.Description(), MissingMetaRule.SiteName(), new HomeTitleRule(), new RelativeContentRule(), new DuplicateTypeRule()]);

    private static (Dictionary<string, AnalysisResult> Results, List<string> Problems) AnalyzeAll(string? root)
    {
        var workspace = new DiskWorkspace();
        var results = new Dictionary<string, AnalysisResult>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in Templates(root))
        {
            var result = s_engine.Analyze(workspace.GetTemplate(file)!, null, workspace);
            results[file] = result;
            if (result.Diagnostics.Any(d => d.Id == EngineRules.RuleFailure.Id))
            {
                problems.Add($"{file}: a rule failed");
            }

            foreach (var d in result.Diagnostics)
            {
                if (d.Span.End > result.Document.Text.Length)
                {
                    problems.Add($"{file}: {d.Id} {d.Span} is outside the file");
                }
            }

            if (result.Composition is { } view)
            {
                problems.AddRange(SourceMapTests.RoundTripProblems(view.Composed, p => workspace.GetTemplate(p)?.Text).Select(p => $"{file}: {p}"));
            }
        }

        return (results, problems);
    }

    private static bool IsFragmentName(string file)
    {
        var name = Path.GetFileName(file);
        return name.StartsWith('_') || file.Replace('\\', '/').Contains("/Shared/Components/", StringComparison.Ordinal);
    }

    [SmoLsp.Tests.CorpusFact]
    public void EShopOnWeb_views_and_pages_find_their_layouts()
    {
        Directory.Exists(s_eShop).ShouldBeTrue("the corpus holds eShopOnWeb");
        var (results, problems) = AnalyzeAll(Path.Combine(s_eShop!, "src", "Web"));

        problems.ShouldBeEmpty();
        var pages = results.Keys.Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) && !IsFragmentName(f)).ToList();
        pages.Count.ShouldBe(27);
        var unresolved = pages.Where(f => results[f].Composition is null).Select(f => Path.GetRelativePath(s_eShop!, f)).ToList();
        unresolved.ShouldBeEmpty();

        // The account-management views nest in Views/Manage/_Layout, which nests in Views/Shared/_Layout.
        var manage = results.First(r => r.Key.EndsWith("Views/Manage/ChangePassword.cshtml", StringComparison.Ordinal)).Value.Composition!.Composed;
        manage.Files.Where(f => f.Role == CompositionRole.Layout).Select(f => Path.GetRelativePath(s_eShop!, f.Path).Replace('\\', '/'))
            .ShouldBe(["src/Web/Views/Manage/_Layout.cshtml", "src/Web/Views/Shared/_Layout.cshtml"]);

        // Fragments are never composed.
        results.Where(r => IsFragmentName(r.Key) && !r.Key.EndsWith("_Layout.cshtml", StringComparison.Ordinal)).ShouldAllBe(r => r.Value.Composition == null);
    }

    [SmoLsp.Tests.CorpusFact]
    public void EShopOnWeb_titles_come_from_the_pages()
    {
        Directory.Exists(s_eShop).ShouldBeTrue("the corpus holds eShopOnWeb");
        var (results, _) = AnalyzeAll(Path.Combine(s_eShop!, "src", "Web", "Pages"));

        var index = results.First(r => r.Key.EndsWith("Pages/Index.cshtml", StringComparison.Ordinal)).Value.Composition!;
        index.Head.Title!.Value.NormalizedText.ShouldBe("Catalog - Microsoft.eShopOnWeb");
    }

    [SmoLsp.Tests.CorpusFact]
    public void Blazor_sample_pages_find_their_host()
    {
        Directory.Exists(s_blazor).ShouldBeTrue("the corpus holds blazor-samples");
        var (results, problems) = AnalyzeAll(s_blazor);

        problems.ShouldBeEmpty();
        var pages = results.Where(r => r.Key.EndsWith(".razor", StringComparison.Ordinal) && r.Value.Syntax.Projection.Directives.Any(d => d.Name == "page")).ToList();
        pages.Count.ShouldBeGreaterThan(100);
        var composed = pages.Count(p => p.Value.Composition is not null);

        // Every page of an app whose host is in the corpus composes; the others are judged alone, as before.
        var unresolved = pages.Where(p => p.Value.Composition is null && HasHost(p.Key)).Select(p => p.Key).ToList();
        unresolved.ShouldBeEmpty();
        composed.ShouldBeGreaterThan(pages.Count / 4);

        // Non-page components are never composed; a host (App.razor) is, with its default layout in its body.
        var components = results.Where(r => r.Key.EndsWith(".razor", StringComparison.Ordinal) && !r.Value.Syntax.Projection.Directives.Any(d => d.Name == "page")).ToList();
        components.Where(r => !r.Value.Head.IsExtendedElsewhere).ShouldAllBe(r => r.Value.Composition == null);
        components.Where(r => r.Value.Composition is not null).ShouldAllBe(r => Path.GetFileName(r.Key) == "App.razor");
    }

    /// <summary>An App.razor with a HeadOutlet above the page.</summary>
    private static bool HasHost(string page)
    {
        for (var dir = Path.GetDirectoryName(page); dir is not null && dir.Length >= s_blazor!.Length; dir = Path.GetDirectoryName(dir))
        {
            foreach (var candidate in new[] { Path.Combine(dir, "Components", "App.razor"), Path.Combine(dir, "App.razor") })
            {
                // WebAssembly apps (HeadOutlet added in Program.cs, head in wwwroot/index.html) are not composed.
                if (File.Exists(candidate) && File.ReadAllText(candidate).Contains("HeadOutlet", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
