using SmoLsp.Rules;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>Rule pages ship with the tool: <c>smolsp rule ID</c> prints one, and every link diagnostics carry resolves offline.</summary>
public sealed class RuleDocsTests
{
    [Fact]
    public void Rule_prints_the_page_of_a_rule_whatever_the_case_of_its_id()
    {
        var run = CheckRun.Cli("rule", "smo001");
        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stdout.ShouldStartWith("# SMO001: Missing og:title\n");
        run.Stdout.ShouldContain("## Why");
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_rule_is_a_usage_error()
    {
        var run = CheckRun.Cli("rule", "SMO999");
        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("SMO999: no such rule");
    }

    [Fact]
    public void Every_built_in_rules_link_is_a_file_that_exists_unless_a_base_url_is_given()
    {
        foreach (var descriptor in BuiltInRules.CreateEngine().Descriptors)
        {
            var link = new Uri(RuleDocs.Link(descriptor));
            link.IsFile.ShouldBeTrue(link.ToString());
            File.Exists(link.LocalPath).ShouldBeTrue($"{descriptor.Id}: {link.LocalPath}");
            RuleDocs.Read(descriptor.Id).ShouldNotBeNull(descriptor.Id);
        }

        var smo001 = BuiltInRules.CreateEngine().Descriptors.Single(d => d.Id == "SMO001");
        RuleDocs.Link(smo001, "https://docs.acme.example/smolsp").ShouldBe("https://docs.acme.example/smolsp/SMO001.md");
    }

    [Fact]
    public void Check_says_an_unknown_option_is_an_unknown_option()
    {
        var run = CheckRun.Cli("check", "--bogus");
        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("--bogus: unknown option for 'smolsp check'");
        run.Stderr.ShouldNotContain("no such file or folder");
    }

    [Fact]
    public async Task An_editor_can_point_rule_links_elsewhere()
    {
        await using var client = new Lsp.LspTestClient();
        await client.InitializeAsync(Lsp.Capabilities.PushWithResolve, initializationOptions: new { docsBaseUrl = "https://docs.acme.example/smolsp" });
        await client.OpenAsync(Lsp.DiagnosticsTests.Uri, Lsp.DiagnosticsTests.MissingOgTitle);
        var diagnostic = (await client.WaitForDiagnosticsAsync(Lsp.DiagnosticsTests.Uri, 1)).Single()!;
        ((string?)diagnostic["codeDescription"]!["href"]).ShouldBe("https://docs.acme.example/smolsp/SMO001.md");
        await client.ShutdownAndExitAsync();
    }
}
