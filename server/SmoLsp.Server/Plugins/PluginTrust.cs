using System.Text.Json;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// Whether plugins named by a workspace's smolsp.json may load. Loading a plugin runs its code, so opening or
/// checking a folder must not do it by itself: trust comes only from the user — <c>--allow-plugins</c> on the command
/// line, the user-level editor setting (the language server's <c>initializationOptions.allowPlugins</c>), or the
/// user's own list of trusted folders, <c>$XDG_CONFIG_HOME/smolsp/trusted.json</c> (<c>~/.config/smolsp/trusted.json</c>):
/// <c>{ "trustedFolders": ["/abs/path"] }</c>, which trusts those folders and everything under them. Never the
/// workspace's own configuration.
/// </summary>
/// <param name="allowAll">The user allowed plugins for this run or session (<c>--allow-plugins</c>, the editor's user setting).</param>
/// <param name="trustedFoldersFile">The user's trusted-folders file; null for none.</param>
/// <param name="allowHint">How this host's user allows all plugins, for the "how to trust" message.</param>
public sealed class PluginTrust(bool allowAll, string? trustedFoldersFile, string allowHint = "pass --allow-plugins")
{
    public const string TrustedFoldersFileName = "trusted.json";

    private readonly Lock _gate = new();
    private (DateTime Written, IReadOnlyList<string> Folders, string? Problem)? _folders;

    public bool AllowAll { get; } = allowAll;

    public string? TrustedFoldersFile { get; } = trustedFoldersFile;

    public string AllowHint { get; } = allowHint;

    /// <summary>The user's trusted-folders file: <c>$XDG_CONFIG_HOME/smolsp/trusted.json</c>, else <c>~/.config/smolsp/trusted.json</c>.</summary>
    public static string? DefaultTrustedFoldersFile(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome) || !Path.IsPathFullyQualified(configHome))
        {
            // The XDG spec says to ignore a relative XDG_CONFIG_HOME.
            var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            configHome = Path.Combine(home, ".config");
        }

        return Path.Combine(configHome, "smolsp", TrustedFoldersFileName);
    }

    /// <summary>Whether plugins of the workspace rooted at <paramref name="workspaceFolder"/> (the smolsp.json's folder) may load.</summary>
    public bool IsTrusted(string workspaceFolder)
    {
        if (AllowAll)
        {
            return true;
        }

        // Real paths only: a link inside a trusted folder that points at an untrusted one must not carry the trust
        // with it, so the folder as written counts for nothing.
        var real = PluginPaths.RealPath(workspaceFolder);
        return ReadFolders().Folders.Any(t => PluginPaths.IsAtOrUnder(real, PluginPaths.RealPath(t)));
    }

    /// <summary>What is wrong with the trusted-folders file, if anything (it is then treated as trusting nothing).</summary>
    public string? Problem => ReadFolders().Problem;

    /// <summary>How the user can trust <paramref name="workspaceFolder"/>, in words for a message.</summary>
    public string HowToTrust(string workspaceFolder)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceFolder));
        return TrustedFoldersFile is null
            ? AllowHint
            : $"{AllowHint}, or add \"{JsonEncodedText.Encode(folder)}\" to \"trustedFolders\" in {TrustedFoldersFile}";
    }

    /// <summary>The trusted folders, read again when the file changes (the language server lives long).</summary>
    private (IReadOnlyList<string> Folders, string? Problem) ReadFolders()
    {
        if (TrustedFoldersFile is null)
        {
            return ([], null);
        }

        var info = new FileInfo(TrustedFoldersFile);
        var written = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
        lock (_gate)
        {
            if (_folders is { } cached && cached.Written == written)
            {
                return (cached.Folders, cached.Problem);
            }

            var (folders, problem) = info.Exists ? Parse(TrustedFoldersFile) : ([], null);
            _folders = (written, folders, problem);
            return (folders, problem);
        }
    }

    private static (IReadOnlyList<string> Folders, string? Problem) Parse(string file)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("trustedFolders", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return ([], $"{file}: expected {{ \"trustedFolders\": [\"/absolute/folder\", ...] }}");
            }

            var folders = new List<string>();
            var ignored = new List<string>();
            foreach (var item in list.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (text is { Length: > 1 } && text.StartsWith("~/", StringComparison.Ordinal) && DefaultHome() is { } home)
                {
                    text = Path.Combine(home, text[2..]);
                }

                if (text is null || !Path.IsPathFullyQualified(text))
                {
                    ignored.Add(item.GetRawText());
                    continue;
                }

                folders.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(text)));
            }

            return (folders, ignored.Count == 0 ? null : $"{file}: ignored entries that are not absolute folder paths: {string.Join(", ", ignored)}");
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return ([], $"{file}: cannot be read, so no folder is trusted through it: {ex.Message}");
        }
    }

    private static string? DefaultHome() => Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : null;
}
