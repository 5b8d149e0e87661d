using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Analysis.Text;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Converts the core's plain data (offset spans, diagnostics, text edits) to LSP structures in the negotiated
/// position encoding. Spans in another file (a layout) are converted against that file's text: the open buffer when
/// the editor has it, else the file on disk.
/// </summary>
public sealed class LspConverter(ClientSession session, DocumentStore documents, SiteSession site)
{
    public const string Source = "smolsp";

    /// <summary>LSP DiagnosticTag.Unnecessary: editors fade the range (an unused suppression).</summary>
    private const int UnnecessaryTag = 1;

    public PositionConverter Positions => session.Positions;

    public IReadOnlyList<LspDiagnostic> ToLsp(DocumentAnalysis analysis) => [.. analysis.Diagnostics.Select(d => ToLsp(analysis.Document, d))];

    public LspDiagnostic ToLsp(DocumentSnapshot document, Diagnostic diagnostic) => Create(
        diagnostic,
        Positions.ToRange(document.Source, Clamp(diagnostic.Span, document.Source.Length)),
        session.RelatedInformation && diagnostic.RelatedLocations.Count > 0 ? Related(document, diagnostic) : null,
        // Lists are omitted rather than empty: Neovim returns an empty list as {} when it sends the diagnostic back.
        new DiagnosticData(diagnostic.Id, document.Uri, document.Version, diagnostic.Span.Start, diagnostic.Span.Length,
            diagnostic.Fixes.Count > 0 ? diagnostic.Fixes.Select(f => f.Title).ToArray() : null));

    /// <summary>A cross-page finding: its ranges were counted in this client's encoding while each page's text was at hand.</summary>
    public LspDiagnostic ToLsp(SiteDiagnostic d, Func<string, string> uriOf) => Create(
        d.Diagnostic,
        LspRange.From(d.Range),
        session.RelatedInformation && d.Related.Count > 0
            ? [.. d.Related.Select(r => new DiagnosticRelatedInformation(new Location(uriOf(r.Path), LspRange.From(r.Range)), r.Message))]
            : null,
        new DiagnosticData(d.Diagnostic.Id, uriOf(d.Path), 0, d.Diagnostic.Span.Start, d.Diagnostic.Span.Length));

    /// <summary>What every diagnostic says the same way, from an open document, a file on disk or the cross-page pass.</summary>
    private LspDiagnostic Create(Diagnostic diagnostic, LspRange range, IReadOnlyList<DiagnosticRelatedInformation>? related, DiagnosticData data) => new()
    {
        Range = range,
        // Our 1..4 runs Hint..Error; LSP's runs Error..Hint.
        Severity = 5 - (int)diagnostic.Severity,
        Code = diagnostic.Id,
        CodeDescription = new CodeDescription(Cli.RuleDocs.Link(diagnostic.Descriptor, session.DocsBaseUrl)),
        Source = Source,
        Message = diagnostic.Message,
        Tags = diagnostic.IsUnnecessary ? [UnnecessaryTag] : null,
        RelatedInformation = related,
        Data = data,
    };

    /// <summary>
    /// A workspace edit for <paramref name="edits"/>, whose offsets are into <paramref name="document"/> unless they name
    /// another file. With <paramref name="snippets"/>, an edit with a placeholder (<see cref="FixPlaceholders"/>) is a
    /// snippet edit when the client takes them (LSP 3.18 <c>SnippetTextEdit</c>, in <c>documentChanges</c> only).
    /// </summary>
    public WorkspaceEdit ToWorkspaceEdit(DocumentSnapshot document, IEnumerable<TextEdit> edits, bool snippets = false)
    {
        snippets &= session.SnippetEdits && session.DocumentChanges;
        var groups = new List<(string Uri, int? Version, List<LspTextEdit> Edits)>();
        foreach (var group in edits.GroupBy(e => e.DocumentPath))
        {
            var (uri, version, source) = group.Key is null ? (document.Uri, document.Version, document.Source) : Resolve(group.Key);
            if (source is null)
            {
                continue; // the other file cannot be read; an edit we cannot place would corrupt it
            }

            groups.Add((uri, version, group.Select(e => ToLsp(source, e, snippets)).ToList()));
        }

        if (session.DocumentChanges)
        {
            return new WorkspaceEdit(null, groups.Select(g => new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(g.Uri, g.Version), g.Edits)).ToArray());
        }

        return new WorkspaceEdit(groups.ToDictionary(g => g.Uri, g => (IReadOnlyList<LspTextEdit>)g.Edits, StringComparer.Ordinal), null);
    }

    private LspTextEdit ToLsp(SourceText source, TextEdit edit, bool snippets)
    {
        var range = Positions.ToRange(source, Clamp(edit.Span, source.Length));
        return snippets && FixPlaceholders.ToSnippet(edit.NewText) is { } snippet
            ? new LspTextEdit(range, null) { Snippet = new StringValue("snippet", WithoutLineIndentation(snippet, source, edit.Span.Start)) }
            : new LspTextEdit(range, edit.NewText);
    }

    /// <summary>
    /// A snippet's second and later lines lose the indentation of the line it is inserted on: VS Code adds that
    /// indentation to them (its snippet sessions adjust whitespace), and the fix's text already carries the document's
    /// own, so the new tags would land one level too deep.
    /// </summary>
    private static string WithoutLineIndentation(string snippet, SourceText source, int offset)
    {
        var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(Math.Min(offset, source.Length)));
        var indentation = source.GetIndentation(lineStart);
        indentation = indentation[..Math.Min(indentation.Length, Math.Max(0, offset - lineStart))];
        if (indentation.Length == 0 || !snippet.Contains('\n', StringComparison.Ordinal))
        {
            return snippet;
        }

        var lines = snippet.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(indentation, StringComparison.Ordinal))
            {
                lines[i] = lines[i][indentation.Length..];
            }
        }

        return string.Join('\n', lines);
    }

    private DiagnosticRelatedInformation[] Related(DocumentSnapshot document, Diagnostic diagnostic) => [.. diagnostic.RelatedLocations.Select(related =>
    {
        var (uri, _, source) = related.DocumentPath is null ? (document.Uri, document.Version, document.Source) : Resolve(related.DocumentPath);
        var range = source is null ? new LspRange(new Position(0, 0), new Position(0, 0)) : Positions.ToRange(source, Clamp(related.Span, source.Length));
        return new DiagnosticRelatedInformation(new Location(uri, range), related.Message);
    })];

    /// <summary>
    /// The location of a span of <paramref name="path"/> (the document itself when it is its path), converted against that
    /// file's text; null when the file cannot be read.
    /// </summary>
    public Location? ToLocation(DocumentSnapshot document, string path, TextSpan span)
    {
        var (uri, _, source) = path == document.Path ? (document.Uri, document.Version, document.Source) : Resolve(path);
        return source is null ? null : new Location(uri, Positions.ToRange(source, Clamp(span, source.Length)));
    }

    private (string Uri, int? Version, SourceText? Source) Resolve(string path)
    {
        if (documents.FindByPath(path) is { } open)
        {
            return (open.Uri, open.Version, open.Source);
        }

        var read = TemplateFile.Read(site.Files, path);
        return (DocumentUris.FromLocalPath(path), null, read.Success ? new SourceText(read.Text!) : null);
    }

    private static TextSpan Clamp(TextSpan span, int length)
    {
        var start = Math.Clamp(span.Start, 0, length);
        return TextSpan.FromBounds(start, Math.Clamp(span.End, start, length));
    }
}
