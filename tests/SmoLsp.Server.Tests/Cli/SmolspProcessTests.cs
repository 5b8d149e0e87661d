using System.Text;
using System.Text.Json;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>End to end: the built <c>smolsp.dll</c> as a real process, to prove what CI sees on stdout and as the exit code.</summary>
public sealed class SmolspProcessTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Check_writes_bom_free_json_to_stdout_and_exits_1_on_findings()
    {
        _tree.Write("site/index.html", Pages.MissingOgTitle);

        // Its own title: two pages titled "Acme Widgets" would add a cross-page SMO210 entry after the per-file ones.
        _tree.Write("site/about.html", Pages.Clean.Replace("Acme Widgets", "About Acme Widgets", StringComparison.Ordinal));

        var (code, stdout, stderr) = Smolsp(_tree.Root, "check", "site", "--format", "json", "--fail-on", "warning");

        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Findings);
        stdout[0].ShouldBe((byte)'[');
        var files = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        files.Select(f => f.GetProperty("filePath").GetString()).ShouldBe(["site/about.html", "site/index.html"]);
        files[1].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("ruleId").GetString()).ShouldContain("SMO001");
    }

    [Fact]
    public void Check_text_and_exit_codes_end_to_end()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        var (clean, text, _) = Smolsp(_tree.Root, "check");
        clean.ShouldBe(ExitCodes.Clean);
        Encoding.UTF8.GetString(text).ShouldContain("index.html:5:1: warning SMO001 ");

        var (missing, _, error) = Smolsp(_tree.Root, "check", "nowhere");
        missing.ShouldBe(ExitCodes.Error);
        Encoding.UTF8.GetString(error).ShouldBe("smolsp: error: nowhere: no such file or folder\n");
    }

    [Fact]
    public void Version_is_the_products()
    {
        var (code, stdout, _) = Smolsp(_tree.Root, "--version");

        code.ShouldBe(0);
        Encoding.UTF8.GetString(stdout).ShouldStartWith(typeof(Program).Assembly.GetName().Version!.ToString(3));
    }

    private static (int Code, byte[] Stdout, byte[] Stderr) Smolsp(string workingDirectory, params string[] args)
    {
        var result = SmolspProcess.Run(workingDirectory, args);
        return (result.Code, result.Stdout, result.Stderr);
    }
}
