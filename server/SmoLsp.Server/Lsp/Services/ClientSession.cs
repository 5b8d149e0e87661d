using System.Text.Json;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// What this client can do, negotiated once at <c>initialize</c>. Capabilities are read from the raw JSON by path
/// rather than through a typed tree: clients send partial, version-specific and sometimes odd shapes (Neovim turns
/// an empty list into <c>{}</c>), and a capability we cannot read must mean "not supported", never a failed
/// initialize. The floor is Neovim 0.7 (push diagnostics, no configuration requests, no watchers); the ceiling is
/// VS Code (pull diagnostics, resolve, dynamic registration).
/// </summary>
public sealed class ClientSession
{
    public const string Utf8 = "utf-8";
    public const string Utf16 = "utf-16";

    /// <summary>The position encoding in use: <c>utf-16</c> unless the client offered <c>utf-8</c>.</summary>
    public PositionConverter Positions { get; private set; } = PositionConverter.Utf16;

    public string ClientName { get; private set; } = "unknown";

    public int? ProcessId { get; private set; }

    public string? RootPath { get; private set; }

    /// <summary>
    /// The local folders of the workspace: every <c>workspaceFolders</c> entry, else <c>rootUri</c>, else <c>rootPath</c>.
    /// Empty when the client opened files without a folder: then only open documents are checked.
    /// </summary>
    public IReadOnlyList<string> WorkspaceFolders { get; private set; } = [];

    /// <summary>The client pulls diagnostics (<c>textDocument/diagnostic</c>): the server must not also push them.</summary>
    public bool PullDiagnostics { get; private set; }

    /// <summary>The client honours <c>workspace/diagnostic/refresh</c> (re-pull after a configuration change).</summary>
    public bool DiagnosticRefresh { get; private set; }

    public bool CodeActionLiterals { get; private set; }

    /// <summary>The client resolves a code action's <c>edit</c> lazily with <c>codeAction/resolve</c>.</summary>
    public bool ResolveCodeActionEdits { get; private set; }

    public bool DocumentChanges { get; private set; }

    /// <summary>LSP 3.18 snippet edits in workspace edits (VS Code's client): a suggestion's placeholder becomes a tab stop.</summary>
    public bool SnippetEdits { get; private set; }

    public bool MarkdownHover { get; private set; }

    public bool RelatedInformation { get; private set; }

    /// <summary>The client answers <c>workspace/configuration</c> (Neovim 0.7 does not say so: settings come by notification).</summary>
    public bool ConfigurationRequests { get; private set; }

    public bool DynamicWatchedFiles { get; private set; }

    public bool DynamicConfigurationChange { get; private set; }

    public bool WorkDoneProgress { get; private set; }

    /// <summary>
    /// The server may watch the workspace folders itself when the client cannot (<c>initializationOptions.watchFiles</c>,
    /// default true): without it, clients like Neovim 0.7 would keep closed files' diagnostics from the first index.
    /// </summary>
    public bool ServerFileWatching { get; private set; } = true;

    /// <summary>How long pushed diagnostics wait for typing to pause (<c>initializationOptions.diagnosticDelayMs</c>).</summary>
    public TimeSpan DiagnosticDelay { get; private set; } = TimeSpan.FromMilliseconds(150);

    private readonly TaskCompletionSource _settingsReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the editor's initial settings are known, so the first diagnostics already honour them.</summary>
    public Task SettingsReady => _settingsReady.Task;

    public void MarkSettingsReady() => _settingsReady.TrySetResult();

    /// <summary>
    /// How long the first diagnostics wait for <see cref="SettingsReady"/>: a client answers workspace/configuration well
    /// within it, and one that never answers still gets its diagnostics, with the settings it has.
    /// </summary>
    public static readonly TimeSpan SettingsWait = TimeSpan.FromSeconds(2);

    public void Configure(InitializeParams p)
    {
        var caps = p.Capabilities is { ValueKind: JsonValueKind.Object } c ? c : default;
        ClientName = p.ClientInfo?.Name ?? "unknown";
        ProcessId = p.ProcessId;
        RootPath = DocumentUris.ToLocalPath(p.RootUri ?? (p.WorkspaceFolders is { Count: > 0 } folders ? folders[0].Uri : null)) ?? DocumentUris.UsablePath(p.RootPath);
        WorkspaceFolders = p.WorkspaceFolders is { Count: > 0 } all
            ? Folders(all.Select(f => DocumentUris.ToLocalPath(f.Uri)))
            : Folders([RootPath]);

        Positions = Strings(caps, "general", "positionEncodings").Contains(Utf8, StringComparer.Ordinal) ? PositionConverter.Utf8 : PositionConverter.Utf16;
        PullDiagnostics = Get(caps, "textDocument", "diagnostic") is { ValueKind: JsonValueKind.Object };
        DiagnosticRefresh = Bool(caps, "workspace", "diagnostics", "refreshSupport");
        CodeActionLiterals = Get(caps, "textDocument", "codeAction", "codeActionLiteralSupport") is { ValueKind: JsonValueKind.Object };
        ResolveCodeActionEdits = Bool(caps, "textDocument", "codeAction", "dataSupport")
            && Strings(caps, "textDocument", "codeAction", "resolveSupport", "properties").Contains("edit", StringComparer.Ordinal);
        DocumentChanges = Bool(caps, "workspace", "workspaceEdit", "documentChanges");
        SnippetEdits = Bool(caps, "workspace", "workspaceEdit", "snippetEditSupport");
        var hoverFormats = Strings(caps, "textDocument", "hover", "contentFormat");
        MarkdownHover = hoverFormats.Count == 0 || hoverFormats.Contains("markdown", StringComparer.Ordinal);
        RelatedInformation = Bool(caps, "textDocument", "publishDiagnostics", "relatedInformation");
        ConfigurationRequests = Bool(caps, "workspace", "configuration");
        DynamicWatchedFiles = Bool(caps, "workspace", "didChangeWatchedFiles", "dynamicRegistration");
        DynamicConfigurationChange = Bool(caps, "workspace", "didChangeConfiguration", "dynamicRegistration");
        WorkDoneProgress = Bool(caps, "window", "workDoneProgress");

        var options = p.InitializationOptions ?? default;
        if (Get(options, "diagnosticDelayMs") is { ValueKind: JsonValueKind.Number } delay && delay.TryGetInt32(out var ms) && ms >= 0)
        {
            DiagnosticDelay = TimeSpan.FromMilliseconds(ms);
        }

        ServerFileWatching = Get(options, "watchFiles") is not { ValueKind: JsonValueKind.False };
        if (Get(options, "docsBaseUrl") is { ValueKind: JsonValueKind.String } docs && Uri.TryCreate(docs.GetString(), UriKind.Absolute, out _))
        {
            DocsBaseUrl = docs.GetString();
        }

        LogMessages = Bool(options, "logMessages");
    }

    /// <summary>Where rule links point (<c>initializationOptions.docsBaseUrl</c>); null: the pages shipped with the server (<see cref="Cli.RuleDocs"/>).</summary>
    public string? DocsBaseUrl { get; private set; }

    /// <summary>The client wants the server's log as <c>window/logMessage</c> with each line's level (<c>initializationOptions.logMessages</c>).</summary>
    public bool LogMessages { get; private set; }

    /// <summary>Applies <c>workspace/didChangeWorkspaceFolders</c>.</summary>
    public void ChangeWorkspaceFolders(IEnumerable<string> added, IEnumerable<string> removed)
    {
        var removedSet = Folders(removed).ToHashSet(StringComparer.Ordinal);
        WorkspaceFolders = Folders(WorkspaceFolders.Where(f => !removedSet.Contains(f)).Concat(added));
    }

    private static string[] Folders(IEnumerable<string?> paths) =>
        [.. paths.Where(p => !string.IsNullOrEmpty(p) && Path.IsPathFullyQualified(p)).Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p!))).Distinct(StringComparer.Ordinal)];

    /// <summary>The value at <paramref name="path"/> through nested objects, or null when a step is missing or not an object: what a client sends is read without trusting its shape.</summary>
    internal static JsonElement? Get(JsonElement root, params string[] path)
    {
        var current = root;
        foreach (var segment in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static bool Bool(JsonElement root, params string[] path) => Get(root, path) is { ValueKind: JsonValueKind.True };

    private static List<string> Strings(JsonElement root, params string[] path) => Get(root, path) is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
        : [];
}
