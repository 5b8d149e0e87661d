using System.Globalization;
using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
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

    /// <summary>
    /// Where this document's page-level findings ("no og:title") sit: the head's end tag (else its start tag) for a page
    /// judged alone, the page's own anchor (its head section, HeadContent, @page line) for a composed one; null for a
    /// fragment or a composed page whose layout leaves it no head slot. Hosts answer hover there with the share card.
    /// </summary>
    public TextSpan? PageAnchor { get; init; }

    /// <summary>What this page contributes to the site rules (SMO210, SMO211): small enough to keep for every page of a run.</summary>
    public PageFacts SiteFacts { get; init; } = PageFacts.None;
}

/// <summary>
/// What a host allows one file's analysis: <see cref="Cancellation"/> is cancelled when <see cref="Time"/> is up. The
/// host runs the clock (the core never reads it); the core checks the token between rules and every
/// <see cref="AnalysisEngine.ElementsBetweenChecks"/> elements, and a cancelled analysis becomes one SMO900 that says
/// so, never an exception. <see cref="Time"/> is only for that message.
/// </summary>
public readonly record struct AnalysisBudget(TimeSpan Time, CancellationToken Cancellation)
{
    /// <summary>The time as messages say it: "10 s", "500 ms".</summary>
    public string Describe() => Time >= TimeSpan.FromSeconds(1)
        ? Time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : Time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
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
    /// <summary>
    /// Findings one rule keeps per file. Real pages have a handful per rule; a generated page can have a million
    /// (a million <c>&lt;title&gt;</c> elements: two rules report each one). Past the cap a rule's findings are counted,
    /// not kept, and the last kept one says how many more there were; each is its own problem anyway, and a report of
    /// a million copies helps nobody (the report of such a page was 486 MB).
    /// </summary>
    public const int MaxFindingsPerRule = 100;

    /// <summary>How many elements the engine dispatches between two looks at the time budget.</summary>
    public const int ElementsBetweenChecks = 256;

    private readonly RuleEntry[] _rules;
    private readonly GuardedEntry[] _guarded;
    private readonly IRuleWatchdog? _watchdog;
    private readonly int[] _siteRules;
    private readonly Dictionary<string, List<(int Rule, Action<RuleContext, HtmlElement> Action)>> _elementActions = new(StringComparer.Ordinal);

    // Written once per rule (first failure wins), read by every worker: a disabled guarded rule is skipped.
    private readonly DisabledRule?[] _disabled;

    public AnalysisEngine(IEnumerable<Rule> rules)
        : this(rules, [], null)
    {
    }

    /// <summary>
    /// An engine that also runs <paramref name="guardedRules"/>: third-party rules, which may throw or never return.
    /// Each is initialized, and run on each document, through <paramref name="watchdog"/>, which runs it on a thread
    /// of the host's and stops waiting after its budget (the core cannot read the clock). One that throws in <c>Initialize</c> or exceeds its
    /// budget is disabled for this engine's lifetime and listed in <see cref="DisabledRules"/>; one that throws while
    /// analyzing becomes SMO900 on that document, like any rule. Built-in rules stay on the fast path.
    /// </summary>
    public AnalysisEngine(IEnumerable<Rule> rules, IEnumerable<Rule> guardedRules, IRuleWatchdog? watchdog)
    {
        _watchdog = watchdog;
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
        var guarded = new List<GuardedEntry>();
        var disabled = new List<DisabledRule?>();
        foreach (var rule in guardedRules)
        {
            // Read once: third-party code runs only under the guard from here on (the host's loader read it first).
            var descriptor = rule.Descriptor;
            if (!ids.Add(descriptor.Id))
            {
                throw new ArgumentException($"Two rules share the id {descriptor.Id}.", nameof(guardedRules));
            }

            var registration = new RuleRegistration();
            var outcome = RunGuarded(descriptor, () => rule.Initialize(registration));
            guarded.Add(new GuardedEntry(rule, descriptor, registration, registration.ElementActions.SelectMany(a => a.Names).ToHashSet(StringComparer.Ordinal)));
            disabled.Add(outcome.Failed
                ? new DisabledRule(descriptor, outcome.TimedOut ? $"Initialize exceeded its time budget ({_watchdog!.Budget})" : $"Initialize threw {Describe(outcome.Exception!)}", null)
                : null);
        }

        _siteRules = [.. Enumerable.Range(0, _rules.Length).Where(i => _rules[i].Rule is SiteRule)];
        _guarded = [.. guarded];
        _disabled = [.. disabled];
        Rules = [.. _rules.Select(r => r.Rule)];
        GuardedRules = [.. _guarded.Select(g => g.Rule)];
        Descriptors = [.. Rules.Select(r => r.Descriptor), .. _guarded.Select(g => g.Descriptor), .. EngineRules.All];
    }

    /// <summary>Every rule this engine can report, including the engine's own.</summary>
    public IReadOnlyList<RuleDescriptor> Descriptors { get; }

    /// <summary>The rules this engine runs on the fast path (the built-in ones), so a host can compose an engine that adds plugins.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The rules this engine runs under the watchdog (plugin rules).</summary>
    public IReadOnlyList<Rule> GuardedRules { get; }

    /// <summary>Guarded rules that failed to initialize or exceeded their time budget, and so no longer run.</summary>
    public IReadOnlyList<DisabledRule> DisabledRules => [.. Enumerable.Range(0, _disabled.Length).Select(i => Volatile.Read(ref _disabled[i])).OfType<DisabledRule>()];

    private readonly CompositionCache _composition = new();

    /// <summary>
    /// Analyzes one document. <paramref name="workspace"/> answers questions about other files (layouts, images);
    /// without it the document is judged alone. <paramref name="budget"/> bounds the time it may take: when its token is
    /// cancelled, the analysis stops at the next check and the result holds one SMO900 saying so.
    /// </summary>
    public AnalysisResult Analyze(TemplateDocument document, SmoLspConfiguration? configuration = null, ITemplateWorkspace? workspace = null, AnalysisBudget budget = default)
    {
        configuration ??= SmoLspConfiguration.Default;
        workspace ??= EmptyWorkspace.Instance;
        if (workspace is not EmptyWorkspace && _composition.TakeAnalysis(configuration, workspace, document) is { } cached)
        {
            return cached.Result; // a layout already analyzed for one of its pages
        }

        var parsed = new ParsedDocument();
        try
        {
            return AnalyzeCore(document, configuration, workspace, budget.Cancellation, parsed).Result;
        }
        catch (OperationCanceledException) when (budget.Cancellation.IsCancellationRequested)
        {
            return Stopped(document, configuration, budget, parsed);
        }
    }

    /// <summary>The result of an analysis that ran out of time: the document's own parse, and one SMO900 instead of findings.</summary>
    private static AnalysisResult Stopped(TemplateDocument document, SmoLspConfiguration configuration, AnalysisBudget budget, ParsedDocument parsed)
    {
        var syntax = parsed.Syntax ?? ParsedTemplate.Parse(document.Text, document.Language);
        var head = parsed.Head ?? HeadModel.Build(syntax);
        var severity = configuration.ResolveSeverity(EngineRules.RuleFailure, EngineRules.RuleFailure.DefaultSeverity);
        Diagnostic[] diagnostics = severity is null ? [] :
        [
            new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), severity.Value,
                $"Analysis stopped after its time budget of {budget.Describe()}: the file is too large or too complex to check in time, so no other problems are reported for it", [], []),
        ];
        return new AnalysisResult(document, syntax, head, diagnostics, []);
    }

    /// <summary>The parse of the document being analyzed, kept for a result when the analysis stops early.</summary>
    private sealed class ParsedDocument
    {
        public ParsedTemplate? Syntax { get; set; }

        public HeadModel? Head { get; set; }
    }

    private EngineOutcome AnalyzeCore(TemplateDocument document, SmoLspConfiguration configuration, ITemplateWorkspace workspace, CancellationToken cancellation, ParsedDocument? parsed = null)
    {
        var composes = workspace is not EmptyWorkspace;
        var syntax = ParsedTemplate.Parse(document.Text, document.Language);

        // The site's engine says which templates are pages (an include holding the <head> is not; a 404 page is none).
        var site = SiteEngines.Detect(document, syntax, configuration, workspace, composes ? _composition.SiteMarkers : null);
        var (role, reason) = SitePages.RoleOf(site, document, syntax);
        var head = HeadModel.Build(syntax, role, reason);
        if (parsed is not null)
        {
            (parsed.Syntax, parsed.Head) = (syntax, head);
        }

        cancellation.ThrowIfCancellationRequested();
        Exception? failure = null;
        if (composes && head.Role != DocumentRole.NotAPage && role != DocumentRole.Fragment)
        {
            // A bug in composition must cost this page its composition, not its analysis: judge it alone and say so.
            try
            {
                var composed = site.Engine == SiteEngine.Razor
                    ? Composer.Compose(document, syntax, workspace, _composition)
                    : TemplateComposer.Compose(document, syntax, site, workspace, _composition);
                if (composed is not null)
                {
                    return AnalyzeComposed(document, syntax, head, composed, configuration, workspace, cancellation);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not InsufficientExecutionStackException and not OperationCanceledException)
            {
                failure = ex;
            }

            // A child template whose parent is not in the workspace ({% extends "basic/layout.html" %} from Sphinx) is
            // only its blocks: what renders around them, the head included, is unknown.
            if (head.Role == DocumentRole.Document && site.Engine != SiteEngine.Razor && SitePages.ExtendsAnother(syntax))
            {
                head = HeadModel.Build(syntax, DocumentRole.Fragment);
            }
        }

        var raw = RunRules(document, syntax, head, configuration, workspace, null, cancellation);
        var anchor = head.IsFragment ? (TextSpan?)null : HeadInsertion.DocumentAnchor(head);
        var documentLevel = raw.Where(d => d.Span == anchor).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        if (failure is not null)
        {
            raw.Add(new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity,
                EngineRules.RuleFailure.FormatMessage(["layout composition", $"{failure.GetType().Name}: {failure.Message}"]), [], []));
        }

        var alone = Finish(document, syntax, head, raw, configuration, CollectSiteValues(head, configuration)) with { PageAnchor = anchor };
        return new EngineOutcome(alone, OwnOf(alone, documentLevel));
    }

    private EngineOutcome AnalyzeComposed(TemplateDocument document, ParsedTemplate syntax, HeadModel head, ComposedDocument composed, SmoLspConfiguration configuration, ITemplateWorkspace workspace, CancellationToken cancellation)
    {
        var composedSyntax = ParsedTemplate.Parse(composed.Document.Text, composed.Document.Language);
        var composedHead = HeadModel.Build(composedSyntax);
        cancellation.ThrowIfCancellationRequested();
        var composedRaw = RunRules(composed.Document, composedSyntax, composedHead, configuration, workspace, composed, cancellation);
        // A layout analyzed for this page runs on the page's budget; one cut short is not cached (the exception passes the cache by).
        var attribution = new Attribution(composed, composedHead, composed.PageFacts,
            path => _composition.GetOwnFindings(path, configuration, workspace, other => AnalyzeCore(other, configuration, workspace, cancellation)));
        var (mapped, pageDocumentLevel) = attribution.Apply(composedRaw);
        // Site facts come from the page's own text: a composed value has no single place on this page to point at.
        var result = Finish(document, syntax, head, mapped, configuration, CollectSiteValues(head, configuration)) with { Composition = new CompositionView(composed, composedSyntax, composedHead), PageAnchor = attribution.PageAnchor };
        return new EngineOutcome(result, OwnOf(result, pageDocumentLevel));
    }

    /// <summary>
    /// The values this page takes part in the site rules with (its static title, its static description), from the
    /// built-in site rules and from guarded (plugin) ones, which run under the watchdog like their other code.
    /// </summary>
    private List<(RuleDescriptor, PageValue)>? CollectSiteValues(HeadModel head, SmoLspConfiguration configuration)
    {
        List<(RuleDescriptor, PageValue)>? siteValues = null;
        foreach (var i in _siteRules)
        {
            var siteRule = (SiteRule)_rules[i].Rule;
            if (!configuration.IsEnabled(siteRule.Descriptor))
            {
                continue;
            }

            try
            {
                if (siteRule.Collect(head) is { } value)
                {
                    (siteValues ??= []).Add((siteRule.Descriptor, value));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing site rule loses this page's fact; the page's other findings are unaffected.
                _ = ex;
            }
        }

        for (var g = 0; g < _guarded.Length; g++)
        {
            if (_guarded[g].Rule is not SiteRule guarded || Volatile.Read(ref _disabled[g]) is not null || !configuration.IsEnabled(_guarded[g].Descriptor))
            {
                continue;
            }

            PageValue? collected = null;
            if (!RunGuarded(_guarded[g].Descriptor, () => collected = guarded.Collect(head)).Failed && collected is { } value)
            {
                (siteValues ??= []).Add((_guarded[g].Descriptor, value));
            }
        }

        return siteValues;
    }

    private static OwnFindings OwnOf(AnalysisResult result, HashSet<string> documentLevel) =>
        new(documentLevel, result.Diagnostics.Select(d => (d.Id, d.Span)).Concat(result.Suppressed.Select(s => (s.Diagnostic.Id, s.Diagnostic.Span))).ToHashSet());

    /// <summary>Runs every enabled rule over one (possibly composed) document; returns what they reported, before configuration and suppressions.</summary>
    private List<Diagnostic> RunRules(TemplateDocument document, ParsedTemplate syntax, HeadModel head, SmoLspConfiguration configuration, ITemplateWorkspace workspace, ComposedDocument? composition, CancellationToken cancellation)
    {
        var raw = new List<Diagnostic>();
        var contexts = new RuleContext?[_rules.Length];
        var facts = new DocumentFacts();
        var skip = new bool[_rules.Length]; // disabled by configuration, or failed earlier on this document

        var scope = new DocumentScope(document, syntax, head, configuration, workspace, raw, composition, facts, MaxFindingsPerRule, cancellation);
        RuleContext ContextFor(int i) => contexts[i] ??= new RuleContext(_rules[i].Rule.Descriptor, scope);

        for (var i = 0; i < _rules.Length; i++)
        {
            if (!configuration.IsEnabled(_rules[i].Rule.Descriptor))
            {
                skip[i] = true;
                continue;
            }

            cancellation.ThrowIfCancellationRequested();
            foreach (var (action, includeFragments) in _rules[i].Registration.DocumentActions)
            {
                // Fragments get only the rules that judge the tags they hold; a document that is no page (a redirect, an
                // error page) gets none: nobody shares it.
                if ((head.IsFragment && !includeFragments) || head.Role == DocumentRole.NotAPage)
                {
                    continue;
                }

                Run(i, action, null);
            }
        }

        if (_elementActions.Count > 0)
        {
            var untilCheck = ElementsBetweenChecks;
            foreach (var element in syntax.Elements)
            {
                if (--untilCheck == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    untilCheck = ElementsBetweenChecks;
                }

                if (!_elementActions.TryGetValue(element.Name, out var actions))
                {
                    continue;
                }

                foreach (var (ruleIndex, action) in actions)
                {
                    if (!skip[ruleIndex])
                    {
                        Run(ruleIndex, null, action, element);
                    }
                }
            }
        }

        for (var i = 0; i < _rules.Length; i++)
        {
            if (!skip[i] && contexts[i] is { Dropped: > 0 } context)
            {
                SayHowManyMore(raw, context.Descriptor, context.Dropped);
            }
        }

        for (var g = 0; g < _guarded.Length; g++)
        {
            if (Volatile.Read(ref _disabled[g]) is null && configuration.IsEnabled(_guarded[g].Descriptor))
            {
                cancellation.ThrowIfCancellationRequested();
                RunGuardedRule(g, document, syntax, head, configuration, workspace, raw, composition, cancellation);
            }
        }

        return raw;

        // A document action, or an element action with its element: no closure per call (element actions run once per
        // matching element of every page).
        void Run(int ruleIndex, Action<RuleContext>? documentAction, Action<RuleContext, HtmlElement>? elementAction = null, HtmlElement? element = null)
        {
            if (skip[ruleIndex])
            {
                return;
            }

            var mark = raw.Count;
            try
            {
                if (documentAction is not null)
                {
                    documentAction(ContextFor(ruleIndex));
                }
                else
                {
                    elementAction!(ContextFor(ruleIndex), element!);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException || (ex is OperationCanceledException && !cancellation.IsCancellationRequested))
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

    private static AnalysisResult Finish(TemplateDocument document, ParsedTemplate syntax, HeadModel head, List<Diagnostic> raw, SmoLspConfiguration configuration,
        List<(RuleDescriptor Descriptor, PageValue Value)>? siteValues)
    {
        var directives = Suppressions.Find(syntax);
        var index = new SuppressionIndex(directives, syntax.Source);
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
            var directive = index.Find(d.Id, d.Span, head.Head);
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

        var facts = PageFacts.None;
        if (siteValues is not null)
        {
            var list = new List<PageFact>(siteValues.Count);
            foreach (var (descriptor, value) in siteValues)
            {
                var severity = configuration.ResolveSeverity(descriptor, descriptor.DefaultSeverity);
                if (severity is null)
                {
                    continue;
                }

                // Whether the site has a copy is unknown here; a directive aimed at this value counts as used rather
                // than being reported as unused (SMO901) on every page whose title happens to be unique today.
                var directive = index.Find(descriptor.Id, value.Span);
                if (directive is not null)
                {
                    used.Add((directive, directive.AppliesToAll ? "*" : descriptor.Id.ToUpperInvariant()));
                }

                list.Add(new PageFact(descriptor, value, syntax.Source.GetPositionSpan(value.Span), severity.Value, directive));
            }

            facts = new PageFacts(document.Path, list);
        }

        ReportUnusedDirectives(directives, used, syntax, configuration, active);
        active.Sort(static (a, b) =>
        {
            var c = a.Span.Start.CompareTo(b.Span.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new AnalysisResult(document, syntax, head, active, suppressed) { SiteFacts = facts };
    }

    private static void ReportUnusedDirectives(IReadOnlyList<SuppressionDirective> directives, HashSet<(SuppressionDirective, string)> used, ParsedTemplate syntax, SmoLspConfiguration configuration, List<Diagnostic> active)
    {
        var severity = configuration.ResolveSeverity(EngineRules.UnusedSuppression, EngineRules.UnusedSuppression.DefaultSeverity);
        if (severity is null)
        {
            return;
        }

        var reported = 0;
        var dropped = 0;
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

            if (reported++ >= MaxFindingsPerRule)
            {
                dropped++;
                continue;
            }

            var fix = new CodeFix("Remove unused suppression", FixSafety.Suggestion, [TextEdits.RemoveLineOrSpan(syntax.Source, d.Span)]);
            active.Add(new Diagnostic(EngineRules.UnusedSuppression, d.Span, severity.Value, EngineRules.UnusedSuppression.FormatMessage([detail]), [fix], []) { IsUnnecessary = true });
        }

        if (dropped > 0)
        {
            SayHowManyMore(active, EngineRules.UnusedSuppression, dropped);
        }
    }

    /// <summary>Tells, on the last finding of <paramref name="descriptor"/> kept, how many more the per-file cap left out.</summary>
    private static void SayHowManyMore(List<Diagnostic> diagnostics, RuleDescriptor descriptor, int dropped)
    {
        for (var i = diagnostics.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(diagnostics[i].Descriptor, descriptor))
            {
                diagnostics[i] = diagnostics[i] with
                {
                    Message = diagnostics[i].Message + string.Create(CultureInfo.InvariantCulture,
                        $" (and {dropped:N0} more like this in this file, not listed: a rule reports at most {MaxFindingsPerRule} problems per file)"),
                };
                return;
            }
        }
    }

    private static bool IsOff(SmoLspConfiguration configuration, string id) =>
        configuration.GetRuleOptions(id).Severity == RuleSeverity.Off;

    /// <summary>
    /// Runs one guarded rule over one document: every action it registered, in the order the fast path would, into a
    /// sink of its own, so nothing a rule that overran its budget writes afterwards can reach the results.
    /// </summary>
    private void RunGuardedRule(int index, TemplateDocument document, ParsedTemplate syntax, HeadModel head, SmoLspConfiguration configuration, ITemplateWorkspace workspace, List<Diagnostic> raw, ComposedDocument? composition, CancellationToken cancellation)
    {
        var entry = _guarded[index];
        var descriptor = entry.Descriptor;
        var sink = new List<Diagnostic>();
        var context = new RuleContext(descriptor, document, syntax, head, configuration, workspace, sink, composition, maxFindings: MaxFindingsPerRule, cancellation: cancellation);
        var outcome = RunGuarded(descriptor, () =>
        {
            foreach (var (action, includeFragments) in entry.Registration.DocumentActions)
            {
                if ((!head.IsFragment || includeFragments) && head.Role != DocumentRole.NotAPage)
                {
                    action(context);
                }
            }

            if (entry.ElementNames.Count == 0)
            {
                return;
            }

            foreach (var element in syntax.Elements)
            {
                if (!entry.ElementNames.Contains(element.Name))
                {
                    continue;
                }

                foreach (var (names, action) in entry.Registration.ElementActions)
                {
                    if (Array.IndexOf(names, element.Name) >= 0)
                    {
                        action(context, element);
                    }
                }
            }
        });

        // Stopped by the time budget (in Report): the whole analysis stops, not just this rule.
        cancellation.ThrowIfCancellationRequested();
        if (!outcome.Failed)
        {
            if (context.Dropped > 0)
            {
                SayHowManyMore(sink, descriptor, context.Dropped);
            }

            raw.AddRange(sink);
            return;
        }

        string reason;
        if (outcome.TimedOut)
        {
            // .NET cannot abort a thread: the rule keeps its thread until it returns, so it must not get another.
            reason = $"it exceeded its time budget ({_watchdog!.Budget}) and is disabled for the rest of the run";
            Interlocked.CompareExchange(ref _disabled[index], new DisabledRule(descriptor, $"exceeded its time budget ({_watchdog.Budget})", document.Path), null);
        }
        else
        {
            reason = Describe(outcome.Exception!);
        }

        raw.Add(new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity,
            EngineRules.RuleFailure.FormatMessage([descriptor.Id, reason]), [], []));
    }

    /// <summary>Runs third-party code through the host's watchdog (its budget, its threads); inline without one.</summary>
    private RuleRunOutcome RunGuarded(RuleDescriptor descriptor, Action action)
    {
        try
        {
            if (_watchdog is not null)
            {
                return _watchdog.Run(descriptor, action);
            }

            action();
            return default;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new RuleRunOutcome(ex, TimedOut: false);
        }
    }

    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}";


    private sealed record GuardedEntry(Rule Rule, RuleDescriptor Descriptor, RuleRegistration Registration, HashSet<string> ElementNames);

    private sealed record RuleEntry(Rule Rule, RuleRegistration Registration);
}

/// <summary>
/// Runs third-party rule code under a time budget. The host supplies it: the core never reads the clock, and .NET
/// cannot abort a thread, so the host decides which thread runs the code and stops waiting when the budget runs out.
/// </summary>
public interface IRuleWatchdog
{
    /// <summary>The budget in words, for messages (e.g. "5 s").</summary>
    string Budget { get; }

    /// <summary>
    /// Runs one rule's <c>Initialize</c>, or the rule on one document, and waits at most the budget. Returns what it
    /// threw, or that it timed out (it may still be running: the engine never gives it other work).
    /// </summary>
    RuleRunOutcome Run(RuleDescriptor rule, Action action);
}

/// <summary>How a guarded run ended: completed (default), threw <see cref="Exception"/>, or overran its budget.</summary>
public readonly record struct RuleRunOutcome(Exception? Exception, bool TimedOut)
{
    public bool Failed => Exception is not null || TimedOut;
}

/// <summary>A guarded rule the engine stopped running, why, and the document it was on (null: during Initialize).</summary>
public sealed record DisabledRule(RuleDescriptor Descriptor, string Reason, string? DocumentPath);
