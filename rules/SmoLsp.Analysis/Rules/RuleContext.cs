using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Rules;

/// <summary>What every rule's context shares for one document: made once per analysis, not once per rule.</summary>
internal sealed class DocumentScope(TemplateDocument document, ParsedTemplate syntax, HeadModel head, SmoLspConfiguration configuration, ITemplateWorkspace workspace,
    List<Diagnostic> sink, ComposedDocument? composition, DocumentFacts facts, int maxFindings, CancellationToken cancellation)
{
    public TemplateDocument Document { get; } = document;

    public ParsedTemplate Syntax { get; } = syntax;

    public HeadModel Head { get; } = head;

    public SmoLspConfiguration Configuration { get; } = configuration;

    public ITemplateWorkspace Workspace { get; } = workspace;

    public List<Diagnostic> Sink { get; } = sink;

    public ComposedDocument? Composition { get; } = composition;

    public DocumentFacts Facts { get; } = facts;

    public int MaxFindings { get; } = maxFindings;

    public CancellationToken Cancellation { get; } = cancellation;
}

/// <summary>What a rule sees of one document, and where it reports.</summary>
public sealed class RuleContext
{
    private readonly DocumentScope _scope;
    private RuleOptions? _ruleOptions;
    private int _kept;

    internal RuleContext(RuleDescriptor descriptor, TemplateDocument document, ParsedTemplate syntax, HeadModel head, SmoLspConfiguration configuration, ITemplateWorkspace workspace, List<Diagnostic> sink, ComposedDocument? composition = null, DocumentFacts? facts = null, int maxFindings = int.MaxValue, CancellationToken cancellation = default)
        : this(descriptor, new DocumentScope(document, syntax, head, configuration, workspace, sink, composition, facts ?? new DocumentFacts(), maxFindings, cancellation))
    {
    }

    // A page runs some seventy rules: their contexts share one scope (a context per rule per page was the engine's
    // largest allocation after the parse tree).
    internal RuleContext(RuleDescriptor descriptor, DocumentScope scope)
    {
        Descriptor = descriptor;
        _scope = scope;
    }

    public RuleDescriptor Descriptor { get; }

    /// <summary>Findings reported past the engine's per-file cap: counted, not kept (the engine says how many).</summary>
    internal int Dropped { get; private set; }

    /// <summary>
    /// When the document is a page composed with its layout, where each part of <see cref="Syntax"/> came from (most
    /// rules need not care: the engine maps findings back); null when the document is judged alone.
    /// </summary>
    public ComposedDocument? Composition => _scope.Composition;

    public TemplateDocument Document => _scope.Document;

    public ParsedTemplate Syntax => _scope.Syntax;

    public SourceText Source => Syntax.Source;

    public HeadModel Head => _scope.Head;

    public SmoLspConfiguration Configuration => _scope.Configuration;

    /// <summary>Other files: layouts and local images. <see cref="EmptyWorkspace"/> when the host supplies none.</summary>
    public ITemplateWorkspace Workspace => _scope.Workspace;

    /// <summary>
    /// Names the line of <paramref name="offset"/> for a message: "line 8", or "line 8 of _Layout.cshtml" when a composed
    /// page's text there came from another file (composed line numbers mean nothing to the user).
    /// </summary>
    public string DescribeLine(int offset)
    {
        if (Composition?.Locate(offset) is { } located)
        {
            var line = located.Position.Line + 1;
            return located.Path == Composition.AnalyzedPath ? $"line {line}" : $"line {line} of {TemplatePath.FileName(located.Path)}";
        }

        return $"line {Source.Lines.GetLineNumber(offset) + 1}";
    }

    /// <summary>A fact of this document that several rules share: computed by the first rule that asks, once per document.</summary>
    public T Get<T>(DocumentFact<T> fact)
        where T : class => _scope.Facts.Get(fact, this);

    /// <summary>The configured value of a threshold this rule declares, or its default.</summary>
    public double GetThreshold(string name)
    {
        _ruleOptions ??= Configuration.GetRuleOptions(Descriptor.Id);
        if (_ruleOptions.Thresholds.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var t in Descriptor.ThresholdList)
        {
            if (t.Name == name)
            {
                return t.DefaultValue;
            }
        }

        throw new InvalidOperationException($"{Descriptor.Id} has no threshold named '{name}'.");
    }

    /// <summary>Reports a diagnostic of this rule. <paramref name="severity"/> overrides the default for rules with graded findings.</summary>
    public void Report(
        TextSpan span,
        object?[]? args = null,
        IReadOnlyList<CodeFix>? fixes = null,
        DiagnosticSeverity? severity = null,
        IReadOnlyList<RelatedLocation>? related = null)
    {
        // The engine's time budget: a rule that reports in a long loop stops here when the time is up.
        _scope.Cancellation.ThrowIfCancellationRequested();
        if (_kept >= _scope.MaxFindings)
        {
            Dropped++;
            return;
        }

        _kept++;
        _scope.Sink.Add(new Diagnostic(
            Descriptor,
            span,
            severity ?? Descriptor.DefaultSeverity,
            Descriptor.FormatMessage(args ?? []),
            fixes ?? [],
            related ?? []));
    }
}
