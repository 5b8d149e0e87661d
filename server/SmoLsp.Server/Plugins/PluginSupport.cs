using System.Diagnostics.CodeAnalysis;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// Whether this build of smolsp can load plugins. Plugins are .NET assemblies loaded at run time, which needs the JIT:
/// the framework-dependent host (<c>dotnet tool install smolsp</c>, <c>dotnet smolsp.dll</c>) loads them; the native
/// binary (Native AOT: npm, the VS Code extension's bundled server) cannot, and says how to run the managed host
/// instead (<see cref="NativeHint"/>). The native publish turns the switch off (SmoLsp.Server.csproj), so the AOT
/// compiler sees the loader as dead code and drops it.
/// </summary>
public static class PluginSupport
{
    public const string SwitchName = "SmoLsp.Plugins.IsSupported";

    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported => !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;

    /// <summary>What the native build says when a trusted configuration names plugins: exactly how to run the managed host.</summary>
    public const string NativeHint =
        "this smolsp is the native build, which cannot load .NET plugins; run the .NET tool instead (it needs the .NET 10 runtime): "
        + "`dotnet tool install --global smolsp` (or `dotnet tool install --tool-path .tools smolsp`) and run that `smolsp` with the same arguments "
        + "(in VS Code: set smolsp.server.path to it)";
}
