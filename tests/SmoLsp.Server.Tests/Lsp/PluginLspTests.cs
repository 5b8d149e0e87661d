using System.Text.Json.Nodes;
using SmoLsp.Server.Tests.Plugins;
using static SmoLsp.Server.Tests.Lsp.WorkspaceTesting;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// Plugins in the editor: loaded only with the user-level trust the client sends (initializationOptions.allowPlugins),
/// their rules published like built-in ones; untrusted, the user is told and the built-in rules still run.
/// </summary>
public sealed class PluginLspTests : IDisposable
{
    private readonly PluginWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string WriteSite()
    {
        var plugin = _workspace.AddPlugin("AcmeRules");
        _workspace.Tree.Write("workspace/smolsp.json", $$"""{ "plugins": ["{{plugin}}"] }""");
        return _workspace.Tree.Write("workspace/products/anvil.html", PluginWorkspace.ProductPage);
    }

    [Fact]
    public async Task Trusted_plugin_rules_are_published_like_built_in_ones()
    {
        var page = WriteSite();
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, initializationOptions: new { allowPlugins = true, watchFiles = false });
        await client.OpenAsync(UriOf(page), PluginWorkspace.ProductPage);

        var diagnostics = await client.WaitForDiagnosticsAsync(UriOf(page), predicate: d => d.Count > 0);
        diagnostics.Select(d => (string?)d!["code"]).Order(StringComparer.Ordinal).ShouldBe(["ACME001", "ACME002", "SMO001"]);
        diagnostics.Single(d => (string?)d!["code"] == "ACME001")!["codeDescription"]!["href"]!.GetValue<string>().ShouldEndWith("/ACME001.md"); // the plugin's own docs
    }

    [Fact]
    public async Task Untrusted_plugins_are_not_loaded_and_the_user_is_told_how_to_trust_them()
    {
        var page = WriteSite();
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, initializationOptions: new { allowPlugins = false, watchFiles = false });
        await client.OpenAsync(UriOf(page), PluginWorkspace.ProductPage);

        var diagnostics = await client.WaitForDiagnosticsAsync(UriOf(page), predicate: d => d.Count > 0);
        diagnostics.Select(d => (string?)d!["code"]).ShouldBe(["SMO001"]);
        var message = await client.WaitForNotificationAsync("window/showMessage", n => ((string?)n["params"]!["message"])!.Contains("plugin", StringComparison.OrdinalIgnoreCase));
        ((string?)message["params"]!["message"])!.ShouldContain("smolsp.plugins.allow");
    }
}
