using System.Text.Json;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The code actions for a range: each fix of the diagnostics there (the first safe one preferred), "suppress on this
/// line / in this file", and fix-all (every safe fix of the document, one edit). Which diagnostics are "there" is
/// decided from our own analysis of the current version — the request range, plus the diagnostics the client sends
/// back identified by their <c>data</c> — never from the client's ranges: Neovim 0.7 sends those back in bytes.
/// When the client resolves edits lazily, actions carry <see cref="CodeActionData"/> and no edit.
/// </summary>
public sealed class CodeActionBuilder
{
    public const string FixAllTitle = "Fix all safe SmoLsp problems";

    private const string FixAction = "fix";
    private const string SuppressLineAction = "suppressLine";
    private const string SuppressFileAction = "suppressFile";
    private const string FixAllAction = "fixAll";

    private readonly DocumentAnalyzer _analyzer;
    private readonly LspConverter _converter;
    private readonly ClientSession _session;

    public CodeActionBuilder(DocumentAnalyzer analyzer, LspConverter converter, ClientSession session)
    {
        _analyzer = analyzer;
        _converter = converter;
        _session = session;
    }

    public IReadOnlyList<CodeAction> GetActions(DocumentSnapshot document, CodeActionParams request, CancellationToken cancellationToken)
    {
        var analysis = _analyzer.Analyze(document);
        cancellationToken.ThrowIfCancellationRequested();
        var only = request.Context?.Only;
        var actions = new List<CodeAction>();
        var lazy = _session.ResolveCodeActionEdits;

        if (Wants(only, CodeActionKinds.QuickFix))
        {
            var suppressedLines = new HashSet<(string, int)>();
            var suppressedFiles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var diagnostic in SelectDiagnostics(analysis, request))
            {
                var lspDiagnostic = JsonSerializer.SerializeToElement<IReadOnlyList<LspDiagnostic>>([_converter.ToLsp(document, diagnostic)], LspJsonContext.Default.IReadOnlyListLspDiagnostic);
                var preferred = IndexOfFirstSafe(diagnostic);
                for (var i = 0; i < diagnostic.Fixes.Count; i++)
                {
                    var data = Data(document, FixAction, diagnostic, i);
                    actions.Add(Action(diagnostic.Fixes[i].Title, CodeActionKinds.QuickFix, lspDiagnostic, i == preferred ? true : null, data, lazy, analysis));
                }

                // Suppressing "unused suppression" would be a suppression about a suppression; removing it is the fix.
                if (diagnostic.Descriptor == EngineRules.UnusedSuppression)
                {
                    continue;
                }

                var line = document.Source.Lines.GetLineNumber(diagnostic.Span.Start);
                if (suppressedLines.Add((diagnostic.Id, line)) && SuppressionEdits.NextLine(document.Source, document.Language, analysis.Result?.Syntax, diagnostic.Span.Start, diagnostic.Id) is not null)
                {
                    actions.Add(Action($"Suppress {diagnostic.Id} on this line", CodeActionKinds.QuickFix, lspDiagnostic, null, Data(document, SuppressLineAction, diagnostic, 0), lazy, analysis));
                }

                if (suppressedFiles.Add(diagnostic.Id))
                {
                    actions.Add(Action($"Suppress {diagnostic.Id} in this file", CodeActionKinds.QuickFix, lspDiagnostic, null, Data(document, SuppressFileAction, diagnostic, 0), lazy, analysis));
                }
            }
        }

        // Offered on request (source.fixAll, e.g. on save) and alongside quick fixes when the client asks for everything.
        if (Wants(only, CodeActionKinds.SourceFixAllSmoLsp) && (only is { Count: > 0 } || actions.Count > 0)
            && analysis.Result is { } result && TextEdits.CollectSafeFixes(result).Count > 0)
        {
            var data = new CodeActionData(document.Uri, document.Version, FixAllAction, 0, 0, 0);
            actions.Add(Action(FixAllTitle, CodeActionKinds.SourceFixAllSmoLsp, null, null, data, lazy, analysis));
        }

        return actions;
    }

    /// <summary>Computes the edit of an action returned without one. The document may have changed since: the diagnostic is found again.</summary>
    public CodeAction Resolve(CodeAction action, Func<string, DocumentSnapshot?> getDocument)
    {
        if (action.Data is not { ValueKind: JsonValueKind.Object } raw)
        {
            throw LspException.InvalidParams("this code action has no data to resolve");
        }

        CodeActionData? data;
        try
        {
            data = raw.Deserialize(LspJsonContext.Default.CodeActionData);
        }
        catch (JsonException ex)
        {
            throw LspException.InvalidParams("unreadable code action data: " + ex.Message);
        }

        var document = data is null ? null : getDocument(data.Uri);
        if (data is null || document is null)
        {
            throw new LspException(ErrorCodes.ContentModified, "the document is no longer open");
        }

        var analysis = _analyzer.Analyze(document);
        var edits = Edits(analysis, data, action.Title) ?? throw new LspException(ErrorCodes.ContentModified, "the problem this action fixed is gone");
        return action with { Edit = _converter.ToWorkspaceEdit(document, edits) };
    }

    private CodeAction Action(string title, string kind, JsonElement? diagnostics, bool? preferred, CodeActionData data, bool lazy, DocumentAnalysis analysis)
    {
        var dataElement = JsonSerializer.SerializeToElement(data, LspJsonContext.Default.CodeActionData);
        if (lazy)
        {
            return new CodeAction { Title = title, Kind = kind, Diagnostics = diagnostics, IsPreferred = preferred, Data = dataElement };
        }

        var edits = Edits(analysis, data, title) ?? [];
        return new CodeAction { Title = title, Kind = kind, Diagnostics = diagnostics, IsPreferred = preferred, Edit = _converter.ToWorkspaceEdit(analysis.Document, edits), Data = dataElement };
    }

    private static IReadOnlyList<TextEdit>? Edits(DocumentAnalysis analysis, CodeActionData data, string title)
    {
        var document = analysis.Document;
        if (data.Action == FixAllAction)
        {
            return analysis.Result is null ? null : TextEdits.CollectSafeFixes(analysis.Result);
        }

        var diagnostic = Find(analysis, data, title);
        if (diagnostic is null)
        {
            return null;
        }

        return data.Action switch
        {
            FixAction => data.FixIndex < diagnostic.Fixes.Count ? diagnostic.Fixes[data.FixIndex].Edits : null,
            SuppressLineAction => SuppressionEdits.NextLine(document.Source, document.Language, analysis.Result?.Syntax, diagnostic.Span.Start, diagnostic.Id) is { } edit ? [edit] : null,
            SuppressFileAction => [SuppressionEdits.File(document.Source, document.Language, diagnostic.Id)],
            _ => null,
        };
    }

    /// <summary>The diagnostic an action was made for: exact when the version is unchanged, else the same rule with the same fix.</summary>
    private static Diagnostic? Find(DocumentAnalysis analysis, CodeActionData data, string title)
    {
        if (data.Version == analysis.Document.Version)
        {
            return analysis.Diagnostics.FirstOrDefault(d => d.Id == data.RuleId && d.Span.Start == data.Start && d.Span.Length == data.Length);
        }

        return analysis.Diagnostics.FirstOrDefault(d => d.Id == data.RuleId
            && (data.Action != FixAction || (data.FixIndex < d.Fixes.Count && d.Fixes[data.FixIndex].Title == title)));
    }

    private IEnumerable<Diagnostic> SelectDiagnostics(DocumentAnalysis analysis, CodeActionParams request)
    {
        var document = analysis.Document;
        var selected = new List<Diagnostic>();
        void Add(Diagnostic d)
        {
            if (!selected.Contains(d))
            {
                selected.Add(d);
            }
        }

        if (request.Context?.Diagnostics is { ValueKind: JsonValueKind.Array } sent)
        {
            foreach (var element in sent.EnumerateArray())
            {
                if (ReadOurData(element, document.Uri) is not { } data)
                {
                    continue;
                }

                if (data.Version == document.Version)
                {
                    foreach (var d in analysis.Diagnostics)
                    {
                        if (d.Id == data.RuleId && d.Span.Start == data.Start && d.Span.Length == data.Length)
                        {
                            Add(d);
                        }
                    }
                }
                else if (element.TryGetProperty("range", out var range) && range.TryGetProperty("start", out var start) && start.TryGetProperty("line", out var lineElement) && lineElement.TryGetInt32(out var line))
                {
                    // An older version: lines (unlike columns) mean the same in every encoding.
                    foreach (var d in analysis.Diagnostics)
                    {
                        if (d.Id == data.RuleId && document.Source.Lines.GetLineNumber(d.Span.Start) == line)
                        {
                            Add(d);
                        }
                    }
                }
            }
        }

        var span = _converter.Positions.ToSpan(document.Source, request.Range);
        foreach (var d in analysis.Diagnostics)
        {
            if (d.Span.IntersectsWith(span))
            {
                Add(d);
            }
        }

        return selected;
    }

    private static DiagnosticData? ReadOurData(JsonElement diagnostic, string uri)
    {
        if (diagnostic.ValueKind != JsonValueKind.Object || !diagnostic.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var parsed = data.Deserialize(LspJsonContext.Default.DiagnosticData);
            return parsed is not null && parsed.Uri == uri ? parsed : null;
        }
        catch (JsonException)
        {
            return null; // another server's data, or ours mangled: fall back to the range
        }
    }

    private static int IndexOfFirstSafe(Diagnostic diagnostic)
    {
        for (var i = 0; i < diagnostic.Fixes.Count; i++)
        {
            if (diagnostic.Fixes[i].IsSafe)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Wants(IReadOnlyList<string>? only, string kind)
    {
        if (only is null || only.Count == 0)
        {
            return true;
        }

        foreach (var o in only)
        {
            if (kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static CodeActionData Data(DocumentSnapshot document, string action, Diagnostic diagnostic, int fixIndex) =>
        new(document.Uri, document.Version, action, diagnostic.Span.Start, diagnostic.Span.Length, fixIndex, diagnostic.Id);
}
