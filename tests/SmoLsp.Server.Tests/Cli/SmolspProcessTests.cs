using System.Text;
using System.Text.Json;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Lsp;

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

    [Fact]
    public async Task The_language_server_and_the_reports_carry_the_version_that_version_prints()
    {
        var version = SmolspProcess.Run(_tree.Root, ["--version"]).Out.TrimEnd('\n');
        version.ShouldStartWith(typeof(Program).Assembly.GetName().Version!.ToString(3));

        _tree.Write("index.html", Pages.MissingOgTitle);
        using var sarif = JsonDocument.Parse(SmolspProcess.Run(_tree.Root, ["check", "--format", "sarif"]).Stdout);
        var driver = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        driver.GetProperty("version").GetString().ShouldBe(version);
        driver.GetProperty("semanticVersion").GetString().ShouldBe(version);

        // In-process, the same assembly: the smolsp.dll next to the tests cannot start `lsp` (its dependency injection
        // package comes with the tests' ASP.NET framework reference, not in this folder).
        await using var client = new LspTestClient();
        var serverInfo = (await client.InitializeAsync())["result"]!["serverInfo"]!;
        ((string?)serverInfo["name"]).ShouldBe("smolsp");
        ((string?)serverInfo["version"]).ShouldBe(version);
        await client.ShutdownAndExitAsync();
    }

    private static (int Code, byte[] Stdout, byte[] Stderr) Smolsp(string workingDirectory, params string[] args)
    {
        var result = SmolspProcess.Run(workingDirectory, args);
        return (result.Code, result.Stdout, result.Stderr);
    }
}
