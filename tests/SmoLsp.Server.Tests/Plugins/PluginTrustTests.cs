using SmoLsp.Server.Plugins;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Plugins;

public sealed class PluginTrustTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_trusted_folders_file_follows_XDG_CONFIG_HOME()
    {
        PluginTrust.DefaultTrustedFoldersFile(Environment(("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u"))).ShouldBe("/xdg/smolsp/trusted.json");
        PluginTrust.DefaultTrustedFoldersFile(Environment(("HOME", "/home/u"))).ShouldBe("/home/u/.config/smolsp/trusted.json");
        PluginTrust.DefaultTrustedFoldersFile(Environment(("XDG_CONFIG_HOME", "relative"), ("HOME", "/home/u"))).ShouldBe("/home/u/.config/smolsp/trusted.json", "the XDG spec ignores relative paths");
    }

    [Fact]
    public void Allow_all_trusts_everything_without_reading_a_file() =>
        new PluginTrust(allowAll: true, trustedFoldersFile: null).IsTrusted(_tree.Root).ShouldBeTrue();

    [Fact]
    public void A_listed_folder_trusts_itself_and_what_is_under_it_and_nothing_else()
    {
        var file = _tree.Write("config/trusted.json", $$"""
            // the user's own file: comments are fine
            { "trustedFolders": [{{System.Text.Json.JsonSerializer.Serialize(_tree.PathOf("work/acme"))}}, "relative/ignored"] }
            """);
        var trust = new PluginTrust(allowAll: false, file);

        trust.IsTrusted(_tree.PathOf("work/acme")).ShouldBeTrue();
        trust.IsTrusted(_tree.PathOf("work/acme/site")).ShouldBeTrue();
        trust.IsTrusted(_tree.PathOf("work/acme-evil")).ShouldBeFalse("a sibling sharing a prefix is not under it");
        trust.IsTrusted(_tree.PathOf("work")).ShouldBeFalse();
        trust.Problem.ShouldNotBeNull().ShouldContain("\"relative/ignored\"");
    }

    [Fact]
    public void A_folder_reached_through_a_symbolic_link_is_trusted_like_its_target()
    {
        Directory.CreateDirectory(_tree.PathOf("work/acme"));
        Directory.CreateSymbolicLink(_tree.PathOf("link"), _tree.PathOf("work"));
        var file = _tree.Write("config/trusted.json", $$"""{ "trustedFolders": [{{System.Text.Json.JsonSerializer.Serialize(_tree.PathOf("work/acme"))}}] }""");

        new PluginTrust(allowAll: false, file).IsTrusted(_tree.PathOf("link/acme")).ShouldBeTrue();
    }

    [Fact]
    public void A_link_inside_a_trusted_folder_to_an_untrusted_one_is_judged_by_its_target()
    {
        // The attack: a pull request commits trusted/evil -> ../untrusted, and checking through the link would load its plugin.
        Directory.CreateDirectory(_tree.PathOf("untrusted"));
        Directory.CreateDirectory(_tree.PathOf("trusted"));
        Directory.CreateSymbolicLink(_tree.PathOf("trusted/evil"), _tree.PathOf("untrusted"));
        var file = _tree.Write("config/trusted.json", $$"""{ "trustedFolders": [{{System.Text.Json.JsonSerializer.Serialize(_tree.PathOf("trusted"))}}] }""");
        var trust = new PluginTrust(allowAll: false, file);

        trust.IsTrusted(_tree.PathOf("trusted")).ShouldBeTrue();
        trust.IsTrusted(_tree.PathOf("trusted/evil")).ShouldBeFalse();
        trust.IsTrusted(_tree.PathOf("trusted/evil/site")).ShouldBeFalse();
    }

    [Fact]
    public void A_broken_file_trusts_nothing_and_says_why()
    {
        var file = _tree.Write("config/trusted.json", "{ \"trustedFolders\": ");
        var trust = new PluginTrust(allowAll: false, file);

        trust.IsTrusted(_tree.Root).ShouldBeFalse();
        trust.Problem.ShouldNotBeNull().ShouldContain("cannot be read, so no folder is trusted through it");
    }

    [Fact]
    public void No_file_trusts_nothing_quietly()
    {
        var trust = new PluginTrust(allowAll: false, _tree.PathOf("none/trusted.json"));

        trust.IsTrusted(_tree.Root).ShouldBeFalse();
        trust.Problem.ShouldBeNull();
    }

    [Fact]
    public void The_file_is_read_again_when_it_changes()
    {
        var file = _tree.Write("config/trusted.json", """{ "trustedFolders": [] }""");
        var trust = new PluginTrust(allowAll: false, file);
        trust.IsTrusted(_tree.PathOf("work")).ShouldBeFalse();

        _tree.Write("config/trusted.json", $$"""{ "trustedFolders": [{{System.Text.Json.JsonSerializer.Serialize(_tree.PathOf("work"))}}] }""");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        trust.IsTrusted(_tree.PathOf("work")).ShouldBeTrue();
    }

    [Fact]
    public void The_hint_names_the_hosts_own_switch()
    {
        var trust = new PluginTrust(allowAll: false, "/home/u/.config/smolsp/trusted.json", "enable the user setting smolsp.plugins.allow");

        trust.HowToTrust("/work/acme").ShouldBe("enable the user setting smolsp.plugins.allow, or add \"/work/acme\" to \"trustedFolders\" in /home/u/.config/smolsp/trusted.json");
    }
}
