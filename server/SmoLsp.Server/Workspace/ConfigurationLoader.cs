using System.Collections.Concurrent;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// Finds and loads <c>smolsp.json</c>: the nearest one upward from a path, or an explicit file. Results are
/// cached per directory for a run; call <see cref="Invalidate"/> when a configuration file changes.
/// </summary>
public sealed class ConfigurationLoader
{
    private readonly IReadOnlyList<RuleDescriptor> _descriptors;
    private readonly ConcurrentDictionary<string, string?> _configPathByDirectory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigurationResult> _byFile = new(StringComparer.Ordinal);

    public ConfigurationLoader(IReadOnlyList<RuleDescriptor> descriptors)
    {
        _descriptors = descriptors;
    }

    /// <summary>The nearest <c>smolsp.json</c> at or above <paramref name="path"/> (a file or a directory), or null.</summary>
    public string? FindConfigFile(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        return directory is null ? null : FindFrom(directory);
    }

    private string? FindFrom(string directory) => _configPathByDirectory.GetOrAdd(directory, d =>
    {
        var candidate = Path.Combine(d, ConfigurationParser.FileName);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        var parent = Path.GetDirectoryName(d);
        return parent is null || parent == d ? null : FindFrom(parent);
    });

    /// <summary>The configuration for <paramref name="path"/>: the nearest file's, or defaults when there is none.</summary>
    public ConfigurationResult LoadFor(string path)
    {
        var file = FindConfigFile(path);
        return file is null ? new ConfigurationResult(SmoLspConfiguration.Default, []) : Load(file);
    }

    public ConfigurationResult Load(string configFile) => _byFile.GetOrAdd(Path.GetFullPath(configFile), f =>
    {
        string text;
        try
        {
            text = File.ReadAllText(f);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConfigurationResult(SmoLspConfiguration.Default with { SourcePath = f }, [new ConfigurationError(f, 1, 1, string.Empty, "cannot read the configuration file: " + ex.Message)]);
        }

        return ConfigurationParser.Parse(text, f, _descriptors);
    });

    public void Invalidate()
    {
        _configPathByDirectory.Clear();
        _byFile.Clear();
    }
}
