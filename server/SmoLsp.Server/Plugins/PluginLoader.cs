using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Plugins;

/// <summary>One rule assembly, loaded: its rules, and what went wrong with the types it could not provide.</summary>
public sealed class LoadedPlugin
{
    private PluginLoadContext? _context;

    internal LoadedPlugin(string fullPath, string assemblyName, Version apiVersion, IReadOnlyList<PluginRule> rules, IReadOnlyList<string> problems, PluginLoadContext context)
    {
        FullPath = fullPath;
        AssemblyName = assemblyName;
        ApiVersion = apiVersion;
        Rules = rules;
        Problems = problems;
        _context = context;
    }

    public string FullPath { get; }

    public string AssemblyName { get; }

    /// <summary>The SmoLsp.Analysis version the plugin was built against.</summary>
    public Version ApiVersion { get; }

    public IReadOnlyList<PluginRule> Rules { get; }

    /// <summary>Rule types that could not be used (constructor threw, bad descriptor, ...): one message each.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Starts unloading the plugin's context; it goes once nothing references its rules (engines, results).</summary>
    public void Unload() => Interlocked.Exchange(ref _context, null)?.Unload();
}

/// <summary>The outcome of loading one plugin file: the plugin, or why it could not be loaded at all.</summary>
public sealed record PluginLoadResult(LoadedPlugin? Plugin, string? Error);

/// <summary>
/// Loads rule assemblies, each into its own collectible <see cref="PluginLoadContext"/>, and discovers their rules:
/// public, non-abstract <see cref="Rule"/> subclasses with a public parameterless constructor. Nothing here throws for
/// a bad plugin: a missing file, something that is not a .NET assembly, an incompatible rule API version, a type
/// whose constructor throws or hangs, an invalid descriptor — each is a message. The file's metadata is read before
/// anything loads, so a plugin built against another API version never runs any code. Results are cached per file
/// version (path, size, time written): a rebuilt plugin loads afresh.
/// </summary>
public sealed class PluginLoader(TimeSpan? budget = null)
{
    /// <summary>Assemblies every plugin shares with the host: the rule API and what its public types expose.</summary>
    public static readonly IReadOnlySet<string> SharedAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "SmoLsp.Analysis", "HtmlAgilityPack" };

    private readonly TimeSpan _budget = budget ?? PluginWatchdog.DefaultBudget;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Stamped<PluginLoadResult>> _cache = new(StringComparer.Ordinal);

    [RequiresUnreferencedCode("Plugins are assemblies loaded at run time; see PluginSupport.")]
    [RequiresDynamicCode("Plugins are assemblies loaded at run time; see PluginSupport.")]
    public PluginLoadResult Load(string fullPath)
    {
        var stamp = FileStamp.Of(fullPath);
        lock (_gate)
        {
            if (_cache.TryGetValue(fullPath, out var cached) && cached.Stamp == stamp)
            {
                return cached.Value;
            }

            if (cached?.Value.Plugin is { } stale)
            {
                stale.Unload();
            }

            var result = LoadUncached(fullPath);
            _cache[fullPath] = new(stamp, result);
            return result;
        }
    }

    /// <summary>Unloads every plugin and forgets them (the language server, when it reloads plugins or shuts down).</summary>
    public void UnloadAll()
    {
        lock (_gate)
        {
            foreach (var (_, result) in _cache.Values)
            {
                result.Plugin?.Unload();
            }

            _cache.Clear();
        }
    }

    [RequiresUnreferencedCode("Plugins are assemblies loaded at run time; see PluginSupport.")]
    [RequiresDynamicCode("Plugins are assemblies loaded at run time; see PluginSupport.")]
    private PluginLoadResult LoadUncached(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            return Fail("is a folder; name the plugin's .dll");
        }

        if (!File.Exists(fullPath))
        {
            return Fail($"file not found: {fullPath} (build the plugin first, e.g. dotnet build -c Release)");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail("cannot read the file: " + ex.Message);
        }

        var (assemblyName, apiVersion, inspectError) = Inspect(bytes);
        if (inspectError is not null)
        {
            return Fail(inspectError);
        }

        var context = new PluginLoadContext(fullPath);
        Assembly assembly;
        Type[] types;
        try
        {
            var pdbPath = Path.ChangeExtension(fullPath, ".pdb");
            assembly = context.LoadFromBytes(bytes, File.Exists(pdbPath) ? File.ReadAllBytes(pdbPath) : null);
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Unload();
            var detail = ex is ReflectionTypeLoadException { LoaderExceptions: [{ } first, ..] } ? first : ex;
            return Fail($"could not load its types ({detail.GetType().Name}: {detail.Message}); is every assembly it depends on next to it?");
        }

        var rules = new List<PluginRule>();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(Rule).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                problems.Add($"{type.FullName} has no public parameterless constructor, so it cannot be created");
                continue;
            }

            var (rule, descriptor, error) = Create(type);
            if (error is not null)
            {
                problems.Add($"{type.FullName}: {error}");
                continue;
            }

            if (!RuleApi.IsValidPluginRuleId(descriptor!.Id, out var reason))
            {
                problems.Add($"{type.FullName}: {reason}");
                continue;
            }

            if (!ids.Add(descriptor.Id))
            {
                problems.Add($"{type.FullName}: rule id {descriptor.Id} is declared twice in this plugin");
                continue;
            }

            rules.Add(new PluginRule(rule!, descriptor));
        }

        if (rules.Count == 0 && problems.Count == 0)
        {
            context.Unload();
            return Fail("defines no rules: a rule is a public, non-abstract class deriving from SmoLsp.Analysis.Rules.Rule with a public parameterless constructor");
        }

        return new PluginLoadResult(new LoadedPlugin(fullPath, assemblyName, apiVersion, rules, problems, context), null);

        static PluginLoadResult Fail(string error) => new(null, error);
    }

    /// <summary>Reads the assembly's name and the rule API version it references, without loading it.</summary>
    internal static (string AssemblyName, Version ApiVersion, string? Error) Inspect(byte[] bytes)
    {
        try
        {
            using var pe = new PEReader(ImmutableArray.Create(bytes));
            if (!pe.HasMetadata)
            {
                return (string.Empty, new Version(), "not a .NET assembly (a native library?); name the plugin's managed .dll");
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return (string.Empty, new Version(), "a .NET module, not an assembly");
            }

            var name = metadata.GetString(metadata.GetAssemblyDefinition().Name);
            if (SharedAssemblies.Contains(name))
            {
                return (name, new Version(), $"{name} is part of smolsp itself, not a rule package");
            }

            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.GetString(reference.Name) != "SmoLsp.Analysis")
                {
                    continue;
                }

                var host = RuleApi.AssemblyVersion;
                return RuleApi.IsCompatible(reference.Version, host)
                    ? (name, reference.Version, null)
                    : (name, reference.Version, $"built against rule API {reference.Version.Major} (SmoLsp.Analysis {reference.Version.ToString(3)}), but this smolsp provides rule API {RuleApi.Version} "
                        + $"(SmoLsp.Analysis {host.ToString(3)}): rebuild the plugin against SmoLsp.Analysis {host.Major}.x, no newer than {host.ToString(2)}");
            }

            return (name, new Version(), "does not reference SmoLsp.Analysis, so it has no SmoLsp rules");
        }
        catch (BadImageFormatException)
        {
            return (string.Empty, new Version(), "not a .NET assembly");
        }
    }

    /// <summary>
    /// Runs the rule's constructor and reads its descriptor on a thread of its own, waiting at most the budget:
    /// plugin code, even a constructor (or a static one), may throw or never return.
    /// </summary>
    private (Rule? Rule, RuleDescriptor? Descriptor, string? Error) Create([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type)
    {
        var task = Task.Factory.StartNew(() =>
        {
            var rule = (Rule)Activator.CreateInstance(type)!;
            return (rule, rule.Descriptor);
        }, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        try
        {
            if (!task.Wait(_budget))
            {
                return (null, null, $"creating it (its constructor, or reading its Descriptor) did not return within {PluginWatchdog.Describe(_budget)}");
            }
        }
        catch (AggregateException ex)
        {
            var inner = ex.InnerException is TargetInvocationException { InnerException: { } cause } ? cause : ex.InnerException!;
            inner = inner is TypeInitializationException { InnerException: { } init } ? init : inner;
            return (null, null, $"creating it (its constructor, or reading its Descriptor) threw {inner.GetType().Name}: {inner.Message}");
        }

        var (created, descriptor) = task.Result;
        return descriptor is null ? (null, null, "its Descriptor is null") : (created, descriptor, null);
    }
}
