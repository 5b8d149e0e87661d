using SmoLsp.Analysis.Configuration;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Plugins;

/// <summary>The API the language server calls: resolve a workspace's configuration into rules, cheaply and again when plugins change.</summary>
public sealed class PluginHostTests : IDisposable
{
    private readonly PluginWorkspace _workspace = new();
    private readonly PluginHost _host;

    public PluginHostTests()
    {
        _host = new PluginHost(CheckRun.SingleRuleEngine, new PluginTrust(allowAll: true, trustedFoldersFile: null, "enable smolsp.plugins.allow"));
        _workspace.WriteConfig(_workspace.AddPlugin("AcmeRules"));
    }

    public void Dispose()
    {
        _host.Dispose();
        _workspace.Dispose();
    }

    private ConfigurationResult Configuration() =>
        new SiteSession(CheckRun.SingleRuleEngine, new SiteOptions { Folders = [_workspace.Root] }).Settings.BaseFor(_workspace.Root);

    [Fact]
    public void A_workspace_without_plugins_gets_the_built_in_engine()
    {
        var rules = _host.Resolve(new ConfigurationResult(SmoLspConfiguration.Default, []));

        rules.Engine.ShouldBeSameAs(CheckRun.SingleRuleEngine);
        rules.Messages.ShouldBeEmpty();
    }

    [Fact]
    public void Resolving_again_is_cached_and_the_plugin_rules_know_their_origin()
    {
        var configuration = Configuration();

        var first = _host.Resolve(configuration);
        var second = _host.Resolve(configuration);

        second.ShouldBeSameAs(first);
        first.Messages.ShouldBeEmpty();
        first.Engine.Descriptors.Select(d => d.Id).ShouldBe(["SMO001", "ACME001", "ACME002", .. SmoLsp.Analysis.Engine.EngineRules.All.Select(d => d.Id)]);
        first.OriginOf("ACME001").ShouldBe("tools/AcmeRules.dll");
        first.OriginOf("SMO001").ShouldBe(PluginHost.BuiltInOrigin);
        first.Plugins.ShouldHaveSingleItem().AssemblyName.ShouldBe("AcmeRules");
        PluginHost.PluginFiles(configuration.Configuration).ShouldBe([Path.Combine(_workspace.Root, "tools", "AcmeRules.dll")]);
    }

    [Fact]
    public void A_rebuilt_plugin_is_loaded_afresh()
    {
        var configuration = Configuration();
        var before = _host.Resolve(configuration);

        var dll = Path.Combine(_workspace.Root, "tools", "AcmeRules.dll");
        File.SetLastWriteTimeUtc(dll, File.GetLastWriteTimeUtc(dll).AddMinutes(1));
        var after = _host.Resolve(configuration);

        after.ShouldNotBeSameAs(before);
        after.Engine.ShouldNotBeSameAs(before.Engine);
        after.Plugins.Single().ShouldNotBeSameAs(before.Plugins.Single());
        after.Engine.Descriptors.ShouldContain(d => d.Id == "ACME002");
    }

    [Fact]
    public void Untrusted_the_message_uses_the_hosts_hint()
    {
        using var host = new PluginHost(CheckRun.SingleRuleEngine, new PluginTrust(allowAll: false, trustedFoldersFile: null, "enable the user setting smolsp.plugins.allow"));

        var rules = host.Resolve(Configuration());

        rules.Engine.ShouldBeSameAs(CheckRun.SingleRuleEngine);
        var message = rules.Messages.ShouldHaveSingleItem();
        message.Kind.ShouldBe(PluginMessageKind.NotTrusted);
        message.Hint.ShouldBe("to trust it: enable the user setting smolsp.plugins.allow");
    }
}
