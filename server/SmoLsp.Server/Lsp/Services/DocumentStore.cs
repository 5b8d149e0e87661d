using System.Collections.Immutable;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>One version of an open document. Immutable: requests and analyses hold it while edits move on.</summary>
public sealed class DocumentSnapshot
{
    public DocumentSnapshot(string uri, string languageId, int version, SourceText source)
    {
        Uri = uri;
        LanguageId = languageId;
        Version = version;
        Source = source;
        FilePath = DocumentUris.ToLocalPath(uri);
        Path = FilePath ?? uri;
        Language = TemplateLanguages.FromPath(Path) ?? LanguageFromId(languageId, Path);
    }

    public string Uri { get; }

    public string LanguageId { get; }

    public int Version { get; }

    public SourceText Source { get; }

    /// <summary>The file on disk for <c>file:</c> URIs; null for <c>untitled:</c> and other schemes.</summary>
    public string? FilePath { get; }

    /// <summary>The path analysis sees: the file path, or the URI when there is no file.</summary>
    public string Path { get; }

    public TemplateLanguage Language { get; }

    public TemplateDocument ToTemplateDocument() => new(Path, Source.Text, Language);

    public DocumentSnapshot WithText(int version, SourceText source) => new(Uri, LanguageId, version, source);

    /// <summary>
    /// The language when the extension does not say: VS Code calls <c>.cshtml</c> "razor", the C# extension
    /// "aspnetcorerazor"; Blazor's <c>.razor</c> has an id only with that extension.
    /// </summary>
    private static TemplateLanguage LanguageFromId(string languageId, string path) => languageId switch
    {
        "razor" or "aspnetcorerazor" => path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) ? TemplateLanguage.Razor : TemplateLanguage.Cshtml,
        "blazor" => TemplateLanguage.Razor,
        _ => TemplateLanguage.Html,
    };
}

public static class DocumentUris
{
    public static string? ToLocalPath(string? uri)
    {
        if (uri is null || !uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? UsablePath(parsed.LocalPath) : null;
    }

    /// <summary>The path, or null when no file can have it: every file API throws on a NUL ("%00" in a URI).</summary>
    public static string? UsablePath(string? path) => path is null || path.Contains('\0', StringComparison.Ordinal) ? null : path;

    public static string FromLocalPath(string path) => new System.Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri;
}

/// <summary>
/// The open documents. Mutated only by the read loop (didOpen/didChange/didClose, strictly in order) under
/// <see cref="Gate"/>; readers take <see cref="Current"/>, an immutable snapshot, without locking.
/// </summary>
public sealed class DocumentStore
{
    private ImmutableDictionary<string, DocumentSnapshot> _documents = ImmutableDictionary.Create<string, DocumentSnapshot>(StringComparer.Ordinal);

    /// <summary>Held while the set of documents changes, and by the diagnostics publisher while it checks a version and sends.</summary>
    public object Gate { get; } = new();

    public ImmutableDictionary<string, DocumentSnapshot> Current => Volatile.Read(ref _documents);

    public DocumentSnapshot? Get(string uri) => Current.GetValueOrDefault(uri);

    /// <summary>The open document for a file path, so edits and related locations use the client's own URI for it.</summary>
    public DocumentSnapshot? FindByPath(string path) => Current.Values.FirstOrDefault(d => d.FilePath is not null && string.Equals(d.FilePath, path, StringComparison.Ordinal));

    public DocumentSnapshot Open(TextDocumentItem item) => Store(new DocumentSnapshot(item.Uri, item.LanguageId, item.Version, new SourceText(item.Text)));

    /// <summary>Applies the changes one after another; null when the document is not open.</summary>
    public DocumentSnapshot? Change(DidChangeTextDocumentParams p, PositionConverter positions, Action<string> warn)
    {
        var current = Get(p.TextDocument.Uri);
        if (current is null)
        {
            return null;
        }

        if (p.TextDocument.Version <= current.Version)
        {
            warn($"version {p.TextDocument.Version} does not follow {current.Version}; applying anyway");
        }

        var source = current.Source;
        foreach (var change in p.ContentChanges)
        {
            source = Apply(source, change, positions, warn);
        }

        return Store(current.WithText(p.TextDocument.Version, source));
    }

    private DocumentSnapshot Store(DocumentSnapshot snapshot)
    {
        lock (Gate)
        {
            _documents = _documents.SetItem(snapshot.Uri, snapshot);
        }

        return snapshot;
    }

    public DocumentSnapshot? Close(string uri)
    {
        lock (Gate)
        {
            var existing = _documents.GetValueOrDefault(uri);
            _documents = _documents.Remove(uri);
            return existing;
        }
    }

    private static SourceText Apply(SourceText source, TextDocumentContentChangeEvent change, PositionConverter positions, Action<string> warn)
    {
        if (change.Range is null)
        {
            return new SourceText(change.Text);
        }

        var lines = source.Lines.LineCount;
        if (change.Range.Start.Line >= lines || change.Range.End.Line >= lines + 1)
        {
            warn($"edit range {change.Range.Start.Line}:{change.Range.Start.Character}-{change.Range.End.Line}:{change.Range.End.Character} is past the end ({lines} lines); clamped");
        }

        var span = positions.ToSpan(source, change.Range);
        var text = source.Text;
        return new SourceText(string.Concat(text.AsSpan(0, span.Start), change.Text, text.AsSpan(span.End)));
    }
}
