using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// One plugin's own, collectible load context. The rule API (SmoLsp.Analysis, and HtmlAgilityPack whose types it
/// exposes) always comes from the host's context, so a plugin's <c>Rule</c> is the host's <c>Rule</c>; anything else
/// the plugin ships resolves from its folder through its deps.json, isolated from other plugins. Assemblies are
/// read into memory rather than mapped from disk, so rebuilding a plugin while smolsp runs never changes code
/// under its feet (and no file is locked on Windows).
/// </summary>
[RequiresUnreferencedCode("Plugins are assemblies loaded at run time; see PluginSupport.")]
[RequiresDynamicCode("Plugins are assemblies loaded at run time; see PluginSupport.")]
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver? _resolver;

    public PluginLoadContext(string pluginPath)
        : base("smolsp plugin " + Path.GetFileName(pluginPath), isCollectible: true)
    {
        try
        {
            _resolver = new AssemblyDependencyResolver(pluginPath);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // No usable deps.json: the plugin's folder is still searched below.
        }

        PluginFolder = Path.GetDirectoryName(pluginPath)!;
    }

    private string PluginFolder { get; }

    public Assembly LoadFromBytes(byte[] assembly, byte[]? symbols)
    {
        using var image = new MemoryStream(assembly, writable: false);
        using var pdb = symbols is null ? null : new MemoryStream(symbols, writable: false);
        return LoadFromStream(image, pdb);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || PluginLoader.SharedAssemblies.Contains(assemblyName.Name))
        {
            return null; // the host's copy: type identity must unify
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var local = Path.Combine(PluginFolder, assemblyName.Name + ".dll");
            path = File.Exists(local) ? local : null;
        }

        // Framework assemblies are not in the plugin's folder: null lets the default context supply them.
        return path is null ? null : LoadFromBytes(File.ReadAllBytes(path), null);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
