using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using SmoLsp.Analysis.Engine;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Plugins;

/// <summary>
/// A throw-away workspace with plugins copied into it (built by this test project's build: see its .csproj), a user
/// configuration folder of its own (so the real ~/.config/smolsp/trusted.json never counts), and a check runner.
/// </summary>
public sealed class PluginWorkspace : IDisposable
{
    /// <summary>A template every plugin test checks: SMO001 (built in), ACME001 (product without price), ACME002 (title without brand).</summary>
    public const string ProductPage = """
        <html>
          <head>
            <title>Anvils</title>
            <meta property="og:type" content="product">
          </head>
        </html>
        """;

    public PluginWorkspace()
    {
        Tree = new TempTree();
        Directory.CreateDirectory(Tree.PathOf("workspace"));
    }

    public TempTree Tree { get; }

    /// <summary>The folder smolsp.json is written to: the workspace plugins must stay inside.</summary>
    public string Root => Tree.PathOf("workspace");

    public string TrustedFoldersFile => Tree.PathOf("user-config/smolsp/trusted.json");

    public static string BuiltPlugin(string name)
    {
        var path = typeof(PluginWorkspace).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Plugin:" + name).Value!;
        File.Exists(path).ShouldBeTrue($"{path} is built with the tests (tests/SmoLsp.Server.Tests.csproj references it)");
        return Path.GetFullPath(path);
    }

    /// <summary>Copies a built plugin (dll, pdb, deps.json) into the workspace; returns its path relative to smolsp.json.</summary>
    public string AddPlugin(string name, string folder = "tools")
    {
        var dll = BuiltPlugin(name);
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(dll)!, name + ".*"))
        {
            Tree.WriteBytes($"workspace/{folder}/{Path.GetFileName(file)}", File.ReadAllBytes(file));
        }

        return $"{folder}/{name}.dll";
    }

    public void WriteConfig(params string[] plugins) => WriteConfigJson($$"""{ "plugins": [{{string.Join(", ", plugins.Select(p => "\"" + p + "\""))}}] }""");

    public void WriteConfigJson(string json) => Tree.Write("workspace/smolsp.json", json);

    public string WritePage(string relative, string text = ProductPage) => Tree.Write("workspace/" + relative, text);

    public void Trust(params string[] folders) =>
        Tree.Write("user-config/smolsp/trusted.json", $$"""{ "trustedFolders": [{{string.Join(", ", folders.Select(f => System.Text.Json.JsonSerializer.Serialize(f)))}}] }""");

    /// <summary>Runs check in-process from the temp folder; the built-in rules are SMO001 alone (see <see cref="CheckRun.SingleRuleEngine"/>).</summary>
    public CheckRun Check(CheckOptions options, IRuleWatchdog? watchdog = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var runner = new CheckRunner(stdout, stderr, CheckRun.SingleRuleEngine) { TrustedFoldersFile = TrustedFoldersFile, RuleWatchdog = watchdog };
        var code = runner.Run(options with { WorkingDirectory = options.WorkingDirectory ?? Tree.Root, Paths = options.Paths.Count > 0 ? options.Paths : ["workspace"] });
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    public CheckRun Check(bool allowPlugins = true, IRuleWatchdog? watchdog = null) => Check(new CheckOptions { AllowPlugins = allowPlugins }, watchdog);

    /// <summary>
    /// A copy of an assembly whose reference to SmoLsp.Analysis says another version: what a plugin built against
    /// another rule API looks like, without a second copy of the API to build against.
    /// </summary>
    public static byte[] WithRuleApiVersion(byte[] image, ushort major, ushort minor)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var metadata = pe.GetMetadataReader();
        var handle = metadata.AssemblyReferences.Single(h => metadata.GetString(metadata.GetAssemblyReference(h).Name) == "SmoLsp.Analysis");

        // An AssemblyRef row starts with MajorVersion, MinorVersion (ECMA-335 II.22.5), little-endian.
        var offset = pe.PEHeaders.MetadataStartOffset + metadata.GetTableMetadataOffset(TableIndex.AssemblyRef)
            + ((MetadataTokens.GetRowNumber(handle) - 1) * metadata.GetTableRowSize(TableIndex.AssemblyRef));
        var copy = image.ToArray();
        BitConverter.TryWriteBytes(copy.AsSpan(offset, 2), major).ShouldBeTrue();
        BitConverter.TryWriteBytes(copy.AsSpan(offset + 2, 2), minor).ShouldBeTrue();
        return copy;
    }

    public void Dispose() => Tree.Dispose();
}
