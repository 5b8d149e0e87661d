using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// <c>smolsp rules</c> with a workspace: finds its smolsp.json, loads its plugins when trusted, and says what went
/// wrong on stderr. Kept out of the command so the command stays a listing.
/// </summary>
public static class PluginCatalog
{
    public sealed record CatalogRequest(string? Path, string? ConfigFile, bool AllowPlugins, string? TrustedFoldersFile);

    public sealed record CatalogResult(PluginRuleSet? Rules, bool Success);

    /// <summary>A workspace to read, or null when the user named none (the built-in catalog, no file read).</summary>
    public static CatalogRequest? Request(string? path, string? configFile, bool allowPlugins, string? trustedFoldersFile = null) =>
        path is null && configFile is null && !allowPlugins
            ? null
            : new CatalogRequest(path, configFile, allowPlugins, trustedFoldersFile ?? PluginTrust.DefaultTrustedFoldersFile());

    public static CatalogResult Load(CatalogRequest request, AnalysisEngine builtIns, TextWriter stderr, string? workingDirectory = null)
    {
        var cwd = Path.GetFullPath(workingDirectory ?? Environment.CurrentDirectory);
        string? configFile = null;
        string target;
        if (request.ConfigFile is not null)
        {
            if (!Cli.CheckSession.TryResolveConfigFile(request.ConfigFile, cwd, stderr, out configFile))
            {
                return new CatalogResult(null, false);
            }

            target = Path.GetDirectoryName(configFile)!;
        }
        else
        {
            target = Path.GetFullPath(request.Path ?? ".", cwd);
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                stderr.WriteLine($"smolsp: error: {request.Path}: no such file or folder");
                return new CatalogResult(null, false);
            }

            configFile = Path.GetFileName(target) == ConfigurationParser.FileName && File.Exists(target) ? target : null;
        }

        // Listing needs no analysis: the engine only reads descriptors, so the plugins stay loaded until exit.
        var host = new PluginHost(builtIns, new PluginTrust(request.AllowPlugins, request.TrustedFoldersFile));
        var folder = Directory.Exists(target) ? target : Path.GetDirectoryName(target)!;
        var site = new SiteSession(builtIns, new SiteOptions { Folders = [folder], ConfigFile = configFile, WorkingDirectory = cwd }, host);
        if (site.Settings.ConfigFileFor(folder) is null)
        {
            return new CatalogResult(null, true); // no smolsp.json: no plugins, the built-in catalog
        }

        string Display(string f) => Path.GetRelativePath(cwd, f).Replace('\\', '/');
        var settings = site.Settings.For(Path.Combine(folder, "."));
        if (!settings.Base.Success)
        {
            WriteErrors(settings.Base.Errors);
            return new CatalogResult(null, false);
        }

        var rules = settings.Plugins ?? host.Resolve(settings.Base);
        var failed = PluginReport.WriteMessages(stderr, [rules], Display);
        WriteErrors(rules.Configuration.Errors);
        return new CatalogResult(rules, !failed && rules.Configuration.Success);

        void WriteErrors(IEnumerable<ConfigurationError> errors)
        {
            foreach (var e in errors)
            {
                stderr.WriteLine(Cli.ReportMessages.Format(e, Display));
            }
        }
    }
}
