using SmoLsp.Rules;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>
/// The acceptance of Razor/Blazor composition: examples/aspnet holds what <c>dotnet new mvc</c>, <c>dotnet new webapp</c>
/// and <c>dotnet new blazor</c> generate. With every rule on: no diagnostics on _ViewImports, _ViewStart, partials and
/// non-page components; no "missing title" where a layout or PageTitle supplies one; missing share metadata once per
/// place that must change (the MVC/Razor Pages layout, each Blazor page); the placeholder titles the templates ship.
/// </summary>
public sealed class AspNetExamplesTests
{
    private static readonly string s_examples = Path.Combine(FindRepository(), "examples", "aspnet");

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmoLsp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SmoLsp.sln not found above " + AppContext.BaseDirectory);
    }

    private static readonly string[] s_layoutMissing = ["SMO001", "SMO002", "SMO003", "SMO004", "SMO005", "SMO006", "SMO207", "SMO305", "SMO501"];
    private static readonly string[] s_blazorPageMissing = ["SMO001", "SMO002", "SMO003", "SMO004", "SMO207", "SMO305"];

    private static CheckRun Check(string root, CheckOptions options)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = new CheckRunner(stdout, stderr, BuiltInRules.CreateEngine()).Run(options with { WorkingDirectory = root });
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>"file RULE" for every reported problem, sorted.</summary>
    private static List<string> Findings(CheckRun run) => run.ProblemLines
        .Select(l => l.Split(' '))
        .Select(parts => parts[0][..parts[0].IndexOf(':', StringComparison.Ordinal)] + " " + parts[2])
        .Order(StringComparer.Ordinal)
        .ToList();

    private static IEnumerable<string> Each(string file, params string[] rules) => rules.Select(r => file + " " + r);

    [Fact]
    public void Mvc_the_layout_answers_for_the_share_metadata_and_pages_for_their_titles()
    {
        var run = Check(s_examples, new CheckOptions { Paths = ["mvc"] });

        run.Stderr.ShouldBeEmpty();
        Findings(run).ShouldBe(new[]
        {
            Each("mvc/Views/Shared/_Layout.cshtml", s_layoutMissing),
            Each("mvc/Views/Home/Index.cshtml", "SMO204", "SMO205"),
            Each("mvc/Views/Shared/Error.cshtml", "SMO204"),
        }.SelectMany(x => x).Order(StringComparer.Ordinal).ToList());

        // The placeholder is reported on the string the page assigns, not on the layout's <title>.
        run.ProblemLines.ShouldContain(l => l.StartsWith("mvc/Views/Home/Index.cshtml:2:26: warning SMO205 <title> \"Home Page - WebApplication1\" is a placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Razor_Pages_the_same()
    {
        var run = Check(s_examples, new CheckOptions { Paths = ["webapp"] });

        run.Stderr.ShouldBeEmpty();
        Findings(run).ShouldBe(new[]
        {
            Each("webapp/Pages/Shared/_Layout.cshtml", s_layoutMissing),
            Each("webapp/Pages/Index.cshtml", "SMO204", "SMO205"),
            Each("webapp/Pages/Error.cshtml", "SMO204"),
        }.SelectMany(x => x).Order(StringComparer.Ordinal).ToList());
        run.ProblemLines.ShouldContain(l => l.StartsWith("webapp/Pages/Index.cshtml:4:26: warning SMO205 <title> \"Home page - WebApplication1\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Blazor_App_answers_for_site_wide_tags_and_each_page_for_its_own()
    {
        var run = Check(s_examples, new CheckOptions { Paths = ["blazor"] });

        run.Stderr.ShouldBeEmpty();
        Findings(run).ShouldBe(new[]
        {
            // App.razor renders the default layout around every page: the site's markup, so profile links are judged there.
            Each("blazor/Components/App.razor", "SMO005", "SMO006", "SMO501"),
            Each("blazor/Components/Pages/Counter.razor", [.. s_blazorPageMissing, "SMO204"]),
            Each("blazor/Components/Pages/Error.razor", [.. s_blazorPageMissing, "SMO204"]),
            Each("blazor/Components/Pages/Home.razor", [.. s_blazorPageMissing, "SMO204", "SMO205"]),
            Each("blazor/Components/Pages/Weather.razor", [.. s_blazorPageMissing, "SMO204"]),

            // NotFound.razor has no <PageTitle> and nothing supplies one: the one page really missing a title.
            Each("blazor/Components/Pages/NotFound.razor", [.. s_blazorPageMissing, "SMO201"]),
        }.SelectMany(x => x).Order(StringComparer.Ordinal).ToList());

        // Reported where the page can act: its <PageTitle>, or its first line when it has none.
        run.ProblemLines.ShouldContain(l => l.StartsWith("blazor/Components/Pages/Home.razor:3:1: warning SMO205 <PageTitle> \"Home\" is a placeholder", StringComparison.Ordinal));
        run.ProblemLines.ShouldContain(l => l.StartsWith("blazor/Components/Pages/NotFound.razor:1:1: error SMO201", StringComparison.Ordinal));
    }

    [Fact]
    public void Fixing_copies_writes_the_layout_once_and_each_Blazor_page_and_converges()
    {
        using var tree = new TempTree();
        foreach (var file in Directory.EnumerateFiles(s_examples, "*", SearchOption.AllDirectories))
        {
            tree.WriteBytes(Path.GetRelativePath(s_examples, file), File.ReadAllBytes(file));
        }

        var first = Check(tree.Root, new CheckOptions { Fix = true });
        first.Stderr.ShouldBeEmpty();

        // MVC and Razor Pages: the layout copies its own title expression; the pages are untouched.
        foreach (var layout in (string[])["mvc/Views/Shared/_Layout.cshtml", "webapp/Pages/Shared/_Layout.cshtml"])
        {
            // The templates ship CRLF line endings, and the fixes keep them.
            tree.Read(layout).ShouldContain("\r\n    <meta property=\"og:type\" content=\"website\" />\r\n", Case.Sensitive);
            tree.Read(layout).ReplaceLineEndings("\n").ShouldContain("""
                    <title>@ViewData["Title"] - WebApplication1</title>
                    <meta property="og:title" content="@ViewData["Title"] - WebApplication1" />
                    <meta property="og:type" content="website" />
                """);
        }

        tree.Read("mvc/Views/Home/Index.cshtml").ShouldBe(File.ReadAllText(Path.Combine(s_examples, "mvc/Views/Home/Index.cshtml")));

        // Blazor: each page gets its own <HeadContent>, App.razor the site-wide og:type. Home's title is a placeholder
        // (SMO205): copying it would write og:title="Home", so --fix leaves that page for a person to title.
        tree.Read("blazor/Components/Pages/Counter.razor").ReplaceLineEndings("\n").ShouldContain("<PageTitle>Counter</PageTitle>\n\n<HeadContent>\n    <meta property=\"og:title\" content=\"Counter\" />\n</HeadContent>\n");
        tree.Read("blazor/Components/Pages/Home.razor").ShouldBe(File.ReadAllText(Path.Combine(s_examples, "blazor/Components/Pages/Home.razor")));
        tree.Read("blazor/Components/App.razor").ShouldContain("<meta property=\"og:type\" content=\"website\" />");

        var findings = Findings(first);
        findings.ShouldNotContain(f => f.EndsWith(" SMO001", StringComparison.Ordinal) && !f.Contains("NotFound", StringComparison.Ordinal) && !f.Contains("Pages/Home.razor", StringComparison.Ordinal));
        findings.ShouldContain(f => f.Contains("Pages/Home.razor", StringComparison.Ordinal) && f.EndsWith(" SMO001", StringComparison.Ordinal));
        findings.ShouldNotContain(f => f.EndsWith(" SMO005", StringComparison.Ordinal));

        var snapshot = Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var second = Check(tree.Root, new CheckOptions { Fix = true });
        second.Stdout.ShouldNotContain("Fixed");
        Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList().ShouldBe(snapshot);
    }
}
