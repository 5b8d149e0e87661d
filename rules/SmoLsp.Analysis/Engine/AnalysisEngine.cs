using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Engine;

public sealed record SuppressedDiagnostic(Diagnostic Diagnostic, SuppressionDirective Directive);

/// <summary>
/// One document's analysis. <see cref="Syntax"/> and <see cref="Head"/> are the document's own; when the document was
/// composed with its layout (or Blazor host), <see cref="Composition"/> holds what the rules judged, and the diagnostics
/// are already mapped back to this document (or, for related locations and fix edits, to the file they name).
/// </summary>
public sealed record AnalysisResult(
    TemplateDocument Document,
    ParsedTemplate Syntax,
    HeadModel Head,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<SuppressedDiagnostic> Suppressed)
{
    /// <summary>The composed page the rules saw, or null when the document was judged alone.</summary>
    public CompositionView? Composition { get; init; }
}

/// <summary>
/// Runs rules over templates: parse once, build the head model in one walk, dispatch each element to the rules
/// that registered for its name, then apply configuration and suppressions in one place. Thread-safe; one
/// instance serves every document of a run. A rule that throws becomes SMO900 on that document.
/// With a workspace, Razor pages are composed with their layouts first (<see cref="Composer"/>) and the findings mapped
/// back (<see cref="Attribution"/>); layouts' own analyses and other files' parses are cached inside the engine.
/// </summary>
public sealed class AnalysisEngine
{
    private readonly RuleEntry[] _rules;
    private readonly Dictionary<string, List<(int Rule, Action<RuleContext, HtmlElement> Action)>> _elementActions = new(StringComparer.Ordinal);

    public AnalysisEngine(IEnumerable<Rule> rules)
    {
        var list = new List<RuleEntry>();
        var ids = new HashSet<string>(EngineRules.All.Select(r => r.Id), StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            if (!ids.Add(rule.Descriptor.Id))
            {
                throw new ArgumentException($"Two rules share the id {rule.Descriptor.Id}.", nameof(rules));
            }

            var registration = new RuleRegistration();
            rule.Initialize(registration);
            var index = list.Count;
            list.Add(new RuleEntry(rule, registration));
            foreach (var (names, action) in registration.ElementActions)
            {
                foreach (var name in names)
                {
                    if (!_elementActions.TryGetValue(name, out var actions))
                    {
                        _elementActions[name] = actions = [];
                    }

                    actions.Add((index, action));
                }
            }
        }

        _rules = [.. list];
        Descriptors = [.. _rules.Select(r => r.Rule.Descriptor), .. EngineRules.All];
    }

    /// <summary>Every rule this engine can report, including the engine's own.</summary>
    public IReadOnlyList<RuleDescriptor> Descriptors { get; }

    private readonly CompositionCache _composition = new();

    /// <summary>
    /// Analyzes one document. <paramref name="workspace"/> answers questions about other files (layouts, images);
    /// without it the document is judged alone.
    /// </summary>
    public AnalysisResult Analyze(TemplateDocument document, SmoLspConfiguration? configuration = null, ITemplateWorkspace? workspace = null) =>
        AnalyzeCore(document, configuration ?? SmoLspConfiguration.Default, workspace ?? EmptyWorkspace.Instance).Result;

    private EngineOutcome AnalyzeCore(TemplateDocument document, SmoLspConfiguration configuration, ITemplateWorkspace workspace)
    {
        var composes = workspace is not EmptyWorkspace;
        if (composes && _composition.TryGetAnalysis(configuration, workspace, document) is { } cached)
        {
            return cached; // a layout already analyzed for one of its pages
        }

        var syntax = ParsedTemplate.Parse(document.Text, document.Language);
        var head = HeadModel.Build(syntax);
        Exception? failure = null;
        if (composes)
        {
            // A bug in composition must cost this page its composition, not its analysis: judge it alone and say so.
            try
            {
                if (Composer.Compose(document, syntax, workspace, _composition) is { } composed)
                {
                    return AnalyzeComposed(document, syntax, head, composed, configuration, workspace);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not InsufficientExecutionStackException)
            {
                failure = ex;
            }
        }

        var raw = RunRules(document, syntax, head, configuration, workspace, null);
        var anchor = head.IsFragment ? (TextSpan?)null : HeadInsertion.DocumentAnchor(head);
        var documentLevel = raw.Where(d => d.Span == anchor).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        if (failure is not null)
        {
            raw.Add(new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity,
                EngineRules.RuleFailure.FormatMessage(["layout composition", $"{failure.GetType().Name}: {failure.Message}"]), [], []));
        }

        var alone = Finish(document, syntax, head, raw, configuration);
        return new EngineOutcome(alone, OwnOf(alone, documentLevel));
    }

    private EngineOutcome AnalyzeComposed(TemplateDocument document, ParsedTemplate syntax, HeadModel head, ComposedDocument composed, SmoLspConfiguration configuration, ITemplateWorkspace workspace)
    {
        var composedSyntax = ParsedTemplate.Parse(composed.Document.Text, composed.Document.Language);
        var composedHead = HeadModel.Build(composedSyntax);
        var composedRaw = RunRules(composed.Document, composedSyntax, composedHead, configuration, workspace, composed);
        var attribution = new Attribution(composed, composedHead, composed.PageFacts,
            path => _composition.GetOwnFindings(path, configuration, workspace, other => AnalyzeCore(other, configuration, workspace)));
        var (mapped, pageDocumentLevel) = attribution.Apply(composedRaw);
        var result = Finish(document, syntax, head, mapped, configuration) with { Composition = new CompositionView(composed, composedSyntax, composedHead) };
        return new EngineOutcome(result, OwnOf(result, pageDocumentLevel));
    }

    private static OwnFindings OwnOf(AnalysisResult result, HashSet<string> documentLevel) =>
        new(documentLevel, result.Diagnostics.Select(d => (d.Id, d.Span)).Concat(result.Suppressed.Select(s => (s.Diagnostic.Id, s.Diagnostic.Span))).ToHashSet());

    /// <summary>Runs every enabled rule over one (possibly composed) document; returns what they reported, before configuration and suppressions.</summary>
    private List<Diagnostic> RunRules(TemplateDocument document, ParsedTemplate syntax, HeadModel head, SmoLspConfiguration configuration, ITemplateWorkspace workspace, ComposedDocument? composition)
    {
        var raw = new List<Diagnostic>();
        var contexts = new RuleContext?[_rules.Length];
        var skip = new bool[_rules.Length]; // disabled by configuration, or failed earlier on this document

        RuleContext ContextFor(int i) =>
            contexts[i] ??= new RuleContext(_rules[i].Rule.Descriptor, document, syntax, head, configuration, workspace, raw, composition);

        for (var i = 0; i < _rules.Length; i++)
        {
            if (!configuration.IsEnabled(_rules[i].Rule.Descriptor))
            {
                skip[i] = true;
                continue;
            }

            foreach (var (action, includeFragments) in _rules[i].Registration.DocumentActions)
            {
                if (head.IsFragment && !includeFragments)
                {
                    continue;
                }

                Run(i, () => action(ContextFor(i)));
            }
        }

        if (_elementActions.Count > 0)
        {
            foreach (var element in syntax.Elements)
            {
                if (!_elementActions.TryGetValue(element.Name, out var actions))
                {
                    continue;
                }

                foreach (var (ruleIndex, action) in actions)
                {
                    if (!skip[ruleIndex])
                    {
                        Run(ruleIndex, () => action(ContextFor(ruleIndex), element));
                    }
                }
            }
        }

        return raw;

        void Run(int ruleIndex, Action action)
        {
            if (skip[ruleIndex])
            {
                return;
            }

            var mark = raw.Count;
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Keep nothing a half-run rule reported; say once that it failed.
                raw.RemoveRange(mark, raw.Count - mark);
                skip[ruleIndex] = true;
                var id = _rules[ruleIndex].Rule.Descriptor.Id;
                raw.Add(new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity,
                    EngineRules.RuleFailure.FormatMessage([id, $"{ex.GetType().Name}: {ex.Message}"]), [], []));
            }
        }
    }

    private static AnalysisResult Finish(TemplateDocument document, ParsedTemplate syntax, HeadModel head, List<Diagnostic> raw, SmoLspConfiguration configuration)
    {
        var directives = Suppressions.Find(syntax);
        var used = new HashSet<(SuppressionDirective, string)>();
        var active = new List<Diagnostic>(raw.Count);
        var suppressed = new List<SuppressedDiagnostic>();
        foreach (var d in raw)
        {
            var severity = configuration.ResolveSeverity(d.Descriptor, d.Severity);
            if (severity is null)
            {
                continue;
            }

            var diagnostic = severity == d.Severity ? d : d with { Severity = severity.Value };
            var directive = Suppressions.FindSuppressing(directives, d.Id, d.Span, syntax.Source);
            if (directive is null)
            {
                active.Add(diagnostic);
            }
            else
            {
                suppressed.Add(new SuppressedDiagnostic(diagnostic, directive));
                used.Add((directive, directive.AppliesToAll ? "*" : d.Id.ToUpperInvariant()));
            }
        }

        ReportUnusedDirectives(directives, used, syntax, configuration, active);
        active.Sort(static (a, b) =>
        {
            var c = a.Span.Start.CompareTo(b.Span.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new AnalysisResult(document, syntax, head, active, suppressed);
    }

    private static void ReportUnusedDirectives(IReadOnlyList<SuppressionDirective> directives, HashSet<(SuppressionDirective, string)> used, ParsedTemplate syntax, SmoLspConfiguration configuration, List<Diagnostic> active)
    {
        var severity = configuration.ResolveSeverity(EngineRules.UnusedSuppression, EngineRules.UnusedSuppression.DefaultSeverity);
        if (severity is null)
        {
            return;
        }

        foreach (var d in directives)
        {
            if (d.Kind == SuppressionKind.Enable)
            {
                continue;
            }

            string detail;
            if (d.AppliesToAll)
            {
                if (used.Contains((d, "*")))
                {
                    continue;
                }

                detail = string.Empty;
            }
            else
            {
                var unused = d.RuleIds.Where(id => !used.Contains((d, id)) && !IsOff(configuration, id)).ToArray();
                if (unused.Length == 0)
                {
                    continue;
                }

                detail = " (" + string.Join(", ", unused) + ")";
            }

            var fix = new CodeFix("Remove unused suppression", FixSafety.Suggestion, [RemovalOf(syntax.Source, d.Span)]);
            active.Add(new Diagnostic(EngineRules.UnusedSuppression, d.Span, severity.Value, EngineRules.UnusedSuppression.FormatMessage([detail]), [fix], []) { IsUnnecessary = true });
        }
    }

    private static bool IsOff(SmoLspConfiguration configuration, string id) =>
        configuration.GetRuleOptions(id).Severity == RuleSeverity.Off;

    /// <summary>Removes a span, and its whole line when nothing else is on it.</summary>
    internal static TextEdit RemovalOf(SourceText source, TextSpan span)
    {
        var lines = source.Lines;
        var line = lines.GetLineNumber(span.Start);
        var lineSpan = lines.GetLineSpan(line, source.Text);
        var before = source.Text.AsSpan(lineSpan.Start, span.Start - lineSpan.Start);
        var after = span.End <= lineSpan.End ? source.Text.AsSpan(span.End, lineSpan.End - span.End) : [];
        if (lines.GetLineNumber(span.End) == line && before.IsWhiteSpace() && after.IsWhiteSpace())
        {
            var next = line + 1 < lines.LineCount ? lines.GetLineStart(line + 1) : lineSpan.End;
            return TextEdit.Delete(TextSpan.FromBounds(lineSpan.Start, next));
        }

        return TextEdit.Delete(span);
    }

    private sealed record RuleEntry(Rule Rule, RuleRegistration Registration);
}
