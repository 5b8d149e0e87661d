using System.Text.Json;
using System.Text.Json.Serialization;

// The LSP 3.17 structures SmoLsp uses, named as in the specification. Incoming types that clients fill from
// loosely typed data (Neovim round-trips our diagnostics through Lua tables, where an empty array comes back as
// an object) keep those parts as JsonElement so one odd field never fails a whole request.
namespace SmoLsp.Server.Lsp.Protocol;

public sealed record Position(int Line, int Character);

public sealed record LspRange(Position Start, Position End)
{
    /// <summary>A span the core already counted in the client's encoding (a cross-page finding, a card's source).</summary>
    public static LspRange From(Analysis.Text.LinePositionSpan span) =>
        new(new Position(span.Start.Line, span.Start.Character), new Position(span.End.Line, span.End.Character));
}

public sealed record Location(string Uri, LspRange Range);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record OptionalVersionedTextDocumentIdentifier(
    string Uri,
    // The spec types this `integer | null`, and VS Code's client rejects an edit whose version is absent.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

// ---- lifecycle ----

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record ClientInfo(string Name, string? Version = null);

public sealed record InitializeParams(
    int? ProcessId = null,
    string? RootUri = null,
    string? RootPath = null,
    JsonElement? Capabilities = null,
    JsonElement? InitializationOptions = null,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders = null,
    ClientInfo? ClientInfo = null);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, bool Save);

public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds, bool ResolveProvider);

public sealed record DiagnosticOptions(string Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities? WorkspaceFolders = null);

public sealed record ServerCapabilities(
    string? PositionEncoding,
    TextDocumentSyncOptions TextDocumentSync,
    bool HoverProvider,
    CodeActionOptions? CodeActionProvider,
    DiagnosticOptions? DiagnosticProvider,
    WorkspaceServerCapabilities? Workspace);

public sealed record ServerInfo(string Name, string Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record CancelParams(JsonElement Id);

// ---- text synchronisation ----

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record TextDocumentContentChangeEvent(string Text, LspRange? Range = null, int? RangeLength = null);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument);

// ---- diagnostics ----

public sealed record CodeDescription(string Href);

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

/// <summary>What SmoLsp puts in <c>Diagnostic.data</c>: enough to find the diagnostic, and so its fixes, again.</summary>
public sealed record DiagnosticData(string RuleId, string Uri, int Version, int Start, int Length, IReadOnlyList<string>? Fixes = null);

public sealed record LspDiagnostic
{
    public required LspRange Range { get; init; }

    public int Severity { get; init; }

    public required string Code { get; init; }

    public CodeDescription? CodeDescription { get; init; }

    public required string Source { get; init; }

    public required string Message { get; init; }

    public IReadOnlyList<int>? Tags { get; init; }

    public IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation { get; init; }

    public DiagnosticData? Data { get; init; }
}

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

public sealed record DocumentDiagnosticParams(TextDocumentIdentifier TextDocument, string? Identifier = null, string? PreviousResultId = null);

/// <summary>A full (<c>kind: "full"</c>, with items) or unchanged (<c>kind: "unchanged"</c>) report.</summary>
public sealed record DocumentDiagnosticReport(string Kind, string? ResultId = null, IReadOnlyList<LspDiagnostic>? Items = null);

public sealed record PreviousResultId(string Uri, string Value);

public sealed record WorkspaceDiagnosticParams(string? Identifier = null, IReadOnlyList<PreviousResultId>? PreviousResultIds = null);

/// <summary>
/// One document of a <c>workspace/diagnostic</c> answer: <c>full</c> with items, or <c>unchanged</c>. The version is
/// the open document's, or null for a file on disk (the spec types it <c>integer | null</c>, so null is written).
/// </summary>
public sealed record WorkspaceDocumentDiagnosticReport(
    string Kind,
    string Uri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version,
    string? ResultId = null,
    IReadOnlyList<LspDiagnostic>? Items = null);

public sealed record WorkspaceDiagnosticReport(IReadOnlyList<WorkspaceDocumentDiagnosticReport> Items);

// ---- code actions ----

/// <summary>A diagnostic as a client sends it back in a code action context: trusted for nothing but its data and line.</summary>
public sealed record IncomingDiagnostic(LspRange? Range = null, JsonElement? Code = null, string? Source = null, string? Message = null, JsonElement? Data = null);

public sealed record CodeActionContext(JsonElement? Diagnostics = null, IReadOnlyList<string>? Only = null, int? TriggerKind = null);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext? Context = null);

/// <summary>A text edit, or (LSP 3.18, with <c>snippet</c> and no <c>newText</c>) a snippet edit whose tab stops the editor selects.</summary>
public sealed record LspTextEdit(LspRange Range, string? NewText)
{
    public StringValue? Snippet { get; init; }
}

public sealed record StringValue(string Kind, string Value);

public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, IReadOnlyList<LspTextEdit> Edits);

public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<LspTextEdit>>? Changes, IReadOnlyList<TextDocumentEdit>? DocumentChanges);

/// <summary>What <c>codeAction/resolve</c> needs to compute an action's edit later.</summary>
public sealed record CodeActionData(string Uri, int Version, string Action, int Start, int Length, int FixIndex, string? RuleId = null);

/// <summary>A code action going out, or coming back for resolve (diagnostics and data kept as the client sent them).</summary>
public sealed record CodeAction
{
    public required string Title { get; init; }

    public string? Kind { get; init; }

    public JsonElement? Diagnostics { get; init; }

    public bool? IsPreferred { get; init; }

    public WorkspaceEdit? Edit { get; init; }

    public JsonElement? Data { get; init; }
}

// ---- hover ----

public sealed record HoverParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record MarkupContent(string Kind, string Value);

public sealed record Hover(MarkupContent Contents, LspRange? Range = null);

// ---- smolsp/shareCard: the share cards of a document (see docs/share-cards.md) ----

public sealed record ShareCardParams(TextDocumentIdentifier TextDocument);

/// <summary>Where a value was written: a tag in a file (the page, or the layout it comes from), or the configuration (no location).</summary>
public sealed record CardSourceInfo(string Tag, Location? Location);

public sealed record CardValueInfo(string Text, bool IsDynamic, CardSourceInfo Source);

/// <summary>
/// A field of a card: the keys read in order, the value found (null: missing), the text as the platform shows it (cut
/// with an ellipsis past <c>limit</c> characters), and whether the limit is documented by the platform or approximate.
/// </summary>
public sealed record CardFieldInfo(IReadOnlyList<string> Chain, CardValueInfo? Value, string? Shown, int? Limit, bool LimitDocumented, bool Truncated, bool Fallback);

/// <summary>
/// What the local file behind an image URL is (<c>fileUri</c> null: not a file of this site; <c>exists</c> false: no such
/// file). <c>src</c> is what a view shows (the HTML report's data: URI or copied file); the server never sets it over LSP.
/// </summary>
public sealed record CardImageInfo(
    string Url,
    bool IsDynamic,
    CardSourceInfo Source,
    string? FileUri,
    bool Exists,
    int? Width,
    int? Height,
    long? Bytes,
    string? Format,
    bool Animated,
    string? Problem,
    int? DeclaredWidth,
    int? DeclaredHeight,
    string? Alt,
    string? Src = null);

/// <summary>One platform's card; <c>layout</c> is largeImage, smallImage, unfurl or searchResult; <c>imageAspect</c> is the crop frame's width / height.</summary>
public sealed record PlatformCardInfo(
    string Id,
    string Name,
    string Layout,
    CardFieldInfo Title,
    CardFieldInfo Description,
    CardFieldInfo Site,
    CardImageInfo? Image,
    double? ImageAspect,
    IReadOnlyList<string> ImageChain,
    string? Note);

public sealed record ProblemCount(int Errors, int Warnings, int Infos, int Hints);

/// <summary>The answer to <c>smolsp/shareCard</c> (null for a document with no card: a partial, or one that could not be analyzed).</summary>
public sealed record ShareCardInfo(
    string Uri,
    int Version,
    bool Composed,
    IReadOnlyList<string> ComposedFrom,
    CardValueInfo? Url,
    string? Host,
    string? XCardType,
    string? ThemeColor,
    IReadOnlyList<PlatformCardInfo> Platforms,
    ProblemCount Problems);

// ---- workspace ----

public sealed record DidChangeConfigurationParams(JsonElement? Settings = null);

public sealed record ConfigurationItem(string? ScopeUri = null, string? Section = null);

public sealed record ConfigurationParams(IReadOnlyList<ConfigurationItem> Items);

public sealed record FileEvent(string Uri, int Type);

public sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

public sealed record LspFileSystemWatcher(string GlobPattern, int? Kind = null);

public sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<LspFileSystemWatcher> Watchers);

public sealed record Registration(string Id, string Method, DidChangeWatchedFilesRegistrationOptions? RegisterOptions = null);

public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

public sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder> Added, IReadOnlyList<WorkspaceFolder> Removed);

public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

public sealed record ShowMessageParams(int Type, string Message);

public sealed record WorkDoneProgressCreateParams(string Token);

public sealed record WorkDoneProgressValue(string Kind, string? Title = null, string? Message = null, int? Percentage = null);

public sealed record ProgressParams(string Token, WorkDoneProgressValue Value);

public static class MessageType
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Info = 3;
    public const int Log = 4;

    /// <summary>LSP 3.18.</summary>
    public const int Debug = 5;
}

public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
    public const string Source = "source";
    public const string SourceFixAllSmoLsp = "source.fixAll.smolsp";
}

/// <summary>Marker for requests without params (<c>shutdown</c>) and results without content.</summary>
public sealed record Empty;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(CancelParams))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(DocumentDiagnosticParams))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(WorkspaceDiagnosticParams))]
[JsonSerializable(typeof(WorkspaceDiagnosticReport))]
[JsonSerializable(typeof(DidChangeWorkspaceFoldersParams))]
[JsonSerializable(typeof(DiagnosticData))]
[JsonSerializable(typeof(IncomingDiagnostic))]
[JsonSerializable(typeof(LspDiagnostic))]
[JsonSerializable(typeof(IReadOnlyList<LspDiagnostic>))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction))]
[JsonSerializable(typeof(IReadOnlyList<CodeAction>))]
[JsonSerializable(typeof(CodeActionData))]
[JsonSerializable(typeof(HoverParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(ShareCardParams))]
[JsonSerializable(typeof(ShareCardInfo))]
[JsonSerializable(typeof(DidChangeConfigurationParams))]
[JsonSerializable(typeof(ConfigurationParams))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(ShowMessageParams))]
[JsonSerializable(typeof(WorkDoneProgressCreateParams))]
[JsonSerializable(typeof(ProgressParams))]
[JsonSerializable(typeof(Empty))]
public sealed partial class LspJsonContext : JsonSerializerContext;
