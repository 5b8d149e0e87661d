using System.Text.Json;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The code actions for a range, at most <see cref="MaxActions"/> of them, in this order:
/// <list type="number">
/// <item>"Complete the share card" when the range touches the page's page-level findings and two or more of them have a
/// fix: every missing tag in one edit, with the values the page already has and placeholders (tab stops, in editors
/// that take snippets) for the rest (preferred).</item>
/// <item>Each fix of the diagnostics there (the first safe one preferred when there is no "complete"); the fixes
/// "complete" does not cover first.</item>
/// <item>One "suppress on this line" per line (one directive naming every rule there) and one "suppress in this file",
/// not two entries per finding.</item>
/// <item>Fix-all (every safe fix of the document, one edit).</item>
/// </list>
/// Which diagnostics are "there" is decided from our own analysis of the current version — the request range, plus the
/// diagnostics the client sends back identified by their <c>data</c> — never from the client's ranges: Neovim 0.7 sends
/// those back in bytes. When the client resolves edits lazily, actions carry <see cref="CodeActionData"/> and no edit.
/// A suggestion's placeholder (<see cref="FixPlaceholders"/>) is a snippet tab stop for clients that take snippet edits.
/// </summary>
public sealed class CodeActionBuilder(DocumentAnalyzer analyzer, LspConverter converter, ClientSession session)
{
    public const string FixAllTitle = "Fix all safe SmoLsp problems";

    public const string CompleteTitle = "Complete the share card";

    /// <summary>How many entries the quick-fix menu gets at most: beyond that a menu is noise.</summary>
    public const int MaxActions = 10;

    private const string CompleteAction = "complete";

    private const string FixAction = "fix";
    private const string SuppressLineAction = "suppressLine";
    private const string SuppressFileAction = "suppressFile";
    private const string FixAllAction = "fixAll";

    public IReadOnlyList<CodeAction> GetActions(DocumentSnapshot document, CodeActionParams request, CancellationToken cancellationToken)
    {
        var analysis = analyzer.Analyze(document);
        cancellationToken.ThrowIfCancellationRequested();
        var only = request.Context?.Only;
        var actions = new List<CodeAction>();
        var lazy = session.ResolveCodeActionEdits;

        if (Wants(only, CodeActionKinds.QuickFix))
        {
            var selected = SelectDiagnostics(analysis, request).ToList();
            var pageAnchor = analysis.Result?.PageAnchor;
            var complete = selected.Any(d => d.Span == pageAnchor) ? CompleteFixes(analysis) : [];
            if (complete.Count >= 2)
            {
                var data = Data(document, CompleteAction, selected.First(d => d.Span == pageAnchor));
                actions.Add(Action($"{CompleteTitle} ({complete.Count} tags)", CodeActionKinds.QuickFix, Serialize(document, selected.Where(d => d.Span == pageAnchor)), true, data, lazy, analysis));
            }

            // Room for fixes: what is left after "complete", the suppressions and fix-all.
            var suppressible = selected.Where(d => d.Descriptor != EngineRules.UnusedSuppression).ToList();
            var lines = suppressible.GroupBy(d => document.Source.Lines.GetLineNumber(d.Span.Start)).Take(2).ToList();
            var reserved = lines.Count + (suppressible.Count > 0 ? 1 : 0) + 1;

            // The fixes "complete" does not cover first (OrderBy is stable: otherwise in selection order).
            var fixes = selected.OrderBy(complete.Contains).SelectMany(d => d.Fixes.Select((_, i) => (Diagnostic: d, Index: i)));

            foreach (var (diagnostic, i) in fixes.Take(Math.Max(0, MaxActions - actions.Count - reserved)))
            {
                var preferred = actions.Count == 0 && i == IndexOfFirstSafe(diagnostic) ? true : (bool?)null;
                actions.Add(Action(diagnostic.Fixes[i].Title, CodeActionKinds.QuickFix, Serialize(document, [diagnostic]), preferred, Data(document, FixAction, diagnostic, i), lazy, analysis));
            }

            // Suppressing "unused suppression" would be a suppression about a suppression; removing it is the fix.
            foreach (var line in lines)
            {
                var first = line.First();
                var ids = Ids(line);
                if (SuppressionEdits.NextLine(document.Source, document.Language, analysis.Result?.Syntax, first.Span.Start, string.Join(' ', ids)) is not null)
                {
                    var data = Data(document, SuppressLineAction, first, ruleIds: string.Join(' ', ids));
                    actions.Add(Action($"Suppress {Names(ids)} on this line", CodeActionKinds.QuickFix, Serialize(document, line), null, data, lazy, analysis));
                }
            }

            if (suppressible.Count > 0)
            {
                var ids = Ids(suppressible);
                var data = Data(document, SuppressFileAction, suppressible[0], ruleIds: string.Join(' ', ids));
                actions.Add(Action($"Suppress {Names(ids)} in this file", CodeActionKinds.QuickFix, Serialize(document, suppressible), null, data, lazy, analysis));
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

        var analysis = analyzer.Analyze(document);
        var (edits, suggestion) = Edits(analysis, data, action.Title);
        if (edits is null)
        {
            throw new LspException(ErrorCodes.ContentModified, "the problem this action fixed is gone");
        }

        return action with { Edit = converter.ToWorkspaceEdit(document, edits, snippets: suggestion) };
    }

    private CodeAction Action(string title, string kind, JsonElement? diagnostics, bool? preferred, CodeActionData data, bool lazy, DocumentAnalysis analysis)
    {
        var action = new CodeAction { Title = title, Kind = kind, Diagnostics = diagnostics, IsPreferred = preferred, Data = JsonSerializer.SerializeToElement(data, LspJsonContext.Default.CodeActionData) };
        if (lazy)
        {
            return action;
        }

        var (edits, suggestion) = Edits(analysis, data, title);
        return action with { Edit = converter.ToWorkspaceEdit(analysis.Document, edits ?? [], snippets: suggestion) };
    }

    /// <summary>The action's edits, and whether they are a suggestion's (whose placeholder may become a snippet tab stop).</summary>
    private static (IReadOnlyList<TextEdit>? Edits, bool Suggestion) Edits(DocumentAnalysis analysis, CodeActionData data, string title)
    {
        var document = analysis.Document;
        if (data.Action == FixAllAction)
        {
            return (analysis.Result is null ? null : TextEdits.CollectSafeFixes(analysis.Result), false);
        }

        if (data.Action == CompleteAction)
        {
            var complete = CompleteFixes(analysis);
            return (complete.Count == 0 ? null : Merge(complete.SelectMany(d => CompleteFix(d)!.Edits)), true);
        }

        // Suppressions name every rule of their line (space-separated ids); they are found again by the first.
        var ids = (data.RuleId ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var diagnostic = Find(analysis, data with { RuleId = ids.FirstOrDefault() }, title);
        if (diagnostic is null)
        {
            return (null, false);
        }

        var rules = string.Join(' ', ids);
        return data.Action switch
        {
            FixAction => data.FixIndex < diagnostic.Fixes.Count ? (diagnostic.Fixes[data.FixIndex].Edits, !diagnostic.Fixes[data.FixIndex].IsSafe) : (null, false),
            SuppressLineAction => (SuppressionEdits.NextLine(document.Source, document.Language, analysis.Result?.Syntax, diagnostic.Span.Start, rules) is { } edit ? [edit] : null, false),
            SuppressFileAction => ([SuppressionEdits.File(document.Source, document.Language, rules)], false),
            _ => (null, false),
        };
    }

    /// <summary>What "complete" takes from a finding: its first safe fix, else its first suggestion (a placeholder to fill).</summary>
    private static CodeFix? CompleteFix(Diagnostic d) => d.Fixes.FirstOrDefault(f => f.IsSafe) ?? (d.Fixes.Count > 0 ? d.Fixes[0] : null);

    /// <summary>
    /// Insertions at one place become one edit, in order: the new tags read as one block, and its placeholders are one
    /// snippet's tab stops 1, 2, ... (editors take one snippet per place).
    /// </summary>
    private static List<TextEdit> Merge(IEnumerable<TextEdit> edits)
    {
        var merged = new List<TextEdit>();
        foreach (var e in edits)
        {
            var i = merged.FindIndex(m => m.Span.IsEmpty && e.Span.IsEmpty && m.Span.Start == e.Span.Start && m.DocumentPath == e.DocumentPath);
            if (i >= 0)
            {
                merged[i] = merged[i] with { NewText = merged[i].NewText + e.NewText };
            }
            else
            {
                merged.Add(e);
            }
        }

        return merged;
    }

    /// <summary>
    /// The page-level findings "complete the share card" answers in one edit, without conflicting edits: the tags whose
    /// value the page already says, and placeholders (snippet tab stops) for the ones a person must write.
    /// </summary>
    private static List<Diagnostic> CompleteFixes(DocumentAnalysis analysis)
    {
        var result = new List<Diagnostic>();
        if (analysis.Result?.PageAnchor is not { } anchor)
        {
            return result;
        }

        var taken = new List<TextEdit>();
        foreach (var d in analysis.Diagnostics)
        {
            if (d.Span != anchor || CompleteFix(d) is not { } fix
                || fix.Edits.Any(e => taken.Any(t => t.DocumentPath == e.DocumentPath && (t.Span.OverlapsWith(e.Span) || (t.Span == e.Span && t.NewText == e.NewText)))))
            {
                continue;
            }

            taken.AddRange(fix.Edits);
            result.Add(d);
        }

        return result;
    }

    private static List<string> Ids(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>"SMO001", "SMO001 and SMO002", "SMO001, SMO002 and 3 more".</summary>
    private static string Names(IReadOnlyList<string> ids) => ids.Count switch
    {
        1 => ids[0],
        2 => ids[0] + " and " + ids[1],
        3 => $"{ids[0]}, {ids[1]} and {ids[2]}",
        _ => $"{ids[0]}, {ids[1]} and {ids.Count - 2} more",
    };

    private JsonElement Serialize(DocumentSnapshot document, IEnumerable<Diagnostic> diagnostics) =>
        JsonSerializer.SerializeToElement<IReadOnlyList<LspDiagnostic>>(diagnostics.Select(d => converter.ToLsp(document, d)).ToList(), LspJsonContext.Default.IReadOnlyListLspDiagnostic);

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
        void AddAll(Func<Diagnostic, bool> match)
        {
            foreach (var d in analysis.Diagnostics.Where(match))
            {
                if (!selected.Contains(d))
                {
                    selected.Add(d);
                }
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
                    AddAll(d => d.Id == data.RuleId && d.Span.Start == data.Start && d.Span.Length == data.Length);
                }
                else if (ClientSession.Get(element, "range", "start", "line") is { ValueKind: JsonValueKind.Number } lineElement && lineElement.TryGetInt32(out var line))
                {
                    // An older version: lines (unlike columns) mean the same in every encoding. A range without a line matches nothing.
                    AddAll(d => d.Id == data.RuleId && document.Source.Lines.GetLineNumber(d.Span.Start) == line);
                }
            }
        }

        var span = session.Positions.ToSpan(document.Source, request.Range);
        AddAll(d => d.Span.IntersectsWith(span));
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

    private static int IndexOfFirstSafe(Diagnostic diagnostic) => diagnostic.Fixes.ToList().FindIndex(f => f.IsSafe);

    /// <summary>The client asked for every kind, or for this one or a kind it falls under ("source" covers "source.fixAll.smolsp").</summary>
    private static bool Wants(IReadOnlyList<string>? only, string kind) =>
        only is not { Count: > 0 } || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));

    /// <summary>What finds <paramref name="diagnostic"/> again; a suppression names every rule it covers in <paramref name="ruleIds"/>.</summary>
    private static CodeActionData Data(DocumentSnapshot document, string action, Diagnostic diagnostic, int fixIndex = 0, string? ruleIds = null) =>
        new(document.Uri, document.Version, action, diagnostic.Span.Start, diagnostic.Span.Length, fixIndex, ruleIds ?? diagnostic.Id);
}
