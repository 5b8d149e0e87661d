using System.Reflection;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// The rule pages (rules/docs/SMOxxx.md) as shipped with the tool, and the links diagnostics and reports carry. A link is
/// <see cref="BaseUrl"/> + <c>SMOxxx.md</c>: <c>SMOLSP_DOCS_URL</c> when set (a docs site, a repository), else the pages
/// installed beside smolsp.dll as a <c>file://</c> URI, which every editor opens offline. An editor can set its own base
/// (the language server's <c>initializationOptions.docsBaseUrl</c>). A plugin rule keeps the link its author gave.
/// </summary>
public static class RuleDocs
{
    public const string EnvironmentVariable = "SMOLSP_DOCS_URL";

    /// <summary>The folder of shipped pages beside the executable (it exists in builds, publish folders and the tool package).</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "docs", "rules");

    public static string BaseUrl { get; } = Normalize(Environment.GetEnvironmentVariable(EnvironmentVariable)) ?? new Uri(Folder + Path.DirectorySeparatorChar).AbsoluteUri;

    /// <summary>The link for <paramref name="descriptor"/>: its own (plugins), else <paramref name="baseUrl"/> (or <see cref="BaseUrl"/>) + id + ".md".</summary>
    public static string Link(RuleDescriptor descriptor, string? baseUrl = null) =>
        descriptor.HelpLinkUri ?? (Normalize(baseUrl) ?? BaseUrl) + descriptor.Id + ".md";

    /// <summary>The page of a built-in rule, or null when there is none.</summary>
    public static string? Read(string id)
    {
        var name = Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .FirstOrDefault(n => n.Equals("SmoLsp.Server.RuleDocs." + id + ".md", StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return null;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string? Normalize(string? baseUrl) =>
        string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim().EndsWith('/') ? baseUrl.Trim() : baseUrl.Trim() + "/";
}
