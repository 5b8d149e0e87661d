using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>The README sends newcomers to examples/: it must load, print real findings and exit 1.</summary>
public sealed class ExamplesTests
{
    private static readonly string s_repo = FindRepository();

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

    private static CheckRun Check(CheckOptions options)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = new CheckRunner(stdout, stderr).Run(options with { WorkingDirectory = s_repo });
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_example_site_prints_findings_and_exits_1()
    {
        var run = Check(new CheckOptions { Paths = ["examples/site"] });

        run.Stderr.ShouldBeEmpty();
        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.ProblemLines.ShouldContain(l => l.StartsWith("examples/site/index.html:", StringComparison.Ordinal) && l.Contains(" error SMO001 "));
    }

    [Fact]
    public void The_mvc_example_is_checked_with_the_shared_configuration()
    {
        var run = Check(new CheckOptions { Paths = ["examples/mvc"] });

        run.Stderr.ShouldBeEmpty();
        run.ProblemLines.ShouldContain(l => l.StartsWith("examples/mvc/Views/Shared/_Layout.cshtml:", StringComparison.Ordinal));
    }

    [Fact]
    public void Fixing_a_copy_of_the_examples_converges_and_a_second_fix_changes_nothing()
    {
        using var tree = new TempTree();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(s_repo, "examples"), "*", SearchOption.AllDirectories))
        {
            // examples/plugins is a workspace of its own, with a plugin to build and trust: PluginCheckTests fix it.
            if (Path.GetRelativePath(s_repo, file).Replace('\\', '/').StartsWith("examples/plugins/", StringComparison.Ordinal))
            {
                continue;
            }

            tree.WriteBytes(Path.GetRelativePath(Path.Combine(s_repo, "examples"), file), File.ReadAllBytes(file));
        }

        var first = CheckRun.Check(tree, new CheckOptions { Fix = true });
        first.Stderr.ShouldBeEmpty();
        var snapshot = Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

        var second = CheckRun.Check(tree, new CheckOptions { Fix = true });

        second.Stdout.ShouldNotContain("Fixed");
        Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList().ShouldBe(snapshot);
        second.ProblemLines.ShouldBe(first.ProblemLines);
    }
}
