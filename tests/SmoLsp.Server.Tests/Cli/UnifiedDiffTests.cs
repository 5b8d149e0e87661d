using System.Diagnostics;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

public sealed class UnifiedDiffTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Same_text_gives_no_diff() => UnifiedDiff.Create("a.html", "x\n", "x\n").ShouldBeEmpty();

    [Fact]
    public void Distant_changes_get_separate_hunks_with_three_lines_of_context()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var after = before.Replace("line 2\n", "line 2\nadded\n", StringComparison.Ordinal).Replace("line 18\n", "changed 18\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create("a.html", before, after);

        diff.ShouldStartWith("--- a/a.html\n+++ b/a.html\n@@ -1,5 +1,6 @@\n line 1\n line 2\n+added\n line 3\n");
        diff.ShouldContain("@@ -15,6 +16,6 @@\n line 15\n line 16\n line 17\n-line 18\n+changed 18\n line 19\n line 20\n");
    }

    [Theory]
    [InlineData("a\nb\nc", "a\nb\nc\n")]
    [InlineData("a\nb\nc\n", "a\nB\nc")]
    [InlineData("", "new\n")]
    [InlineData("one\r\ntwo\r\n", "one\r\nmiddle\r\ntwo\r\n")]
    [InlineData("x\ny\nz\n", "")]
    public void Git_apply_turns_the_old_text_into_the_new(string before, string after)
    {
        _tree.Write("f.html", before);
        _tree.Write("f.patch", UnifiedDiff.Create("f.html", before, after));

        var git = Process.Start(new ProcessStartInfo("git", ["apply", "f.patch"]) { WorkingDirectory = _tree.Root, RedirectStandardError = true })!;
        git.WaitForExit();

        git.ExitCode.ShouldBe(0, git.StandardError.ReadToEnd());
        File.ReadAllText(_tree.PathOf("f.html")).ShouldBe(after);
    }
}
