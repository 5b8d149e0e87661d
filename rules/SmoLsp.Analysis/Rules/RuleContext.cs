using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Rules;

/// <summary>What a rule sees of one document, and where it reports.</summary>
public sealed class RuleContext
{
    private readonly List<Diagnostic> _sink;
    private readonly RuleOptions _ruleOptions;
    private readonly DocumentFacts _facts;
    private readonly int _maxFindings;
    private readonly CancellationToken _cancellation;
    private int _kept;

    internal RuleContext(RuleDescriptor descriptor, TemplateDocument document, ParsedTemplate syntax, HeadModel head, SmoLspConfiguration configuration, ITemplateWorkspace workspace, List<Diagnostic> sink, ComposedDocument? composition = null, DocumentFacts? facts = null, int maxFindings = int.MaxValue, CancellationToken cancellation = default)
    {
        _facts = facts ?? new DocumentFacts();
        _maxFindings = maxFindings;
        _cancellation = cancellation;
        Composition = composition;
        Workspace = workspace;
        Descriptor = descriptor;
        Document = document;
        Syntax = syntax;
        Head = head;
        Configuration = configuration;
        _sink = sink;
        _ruleOptions = configuration.GetRuleOptions(descriptor.Id);
    }

    public RuleDescriptor Descriptor { get; }

    /// <summary>Findings reported past the engine's per-file cap: counted, not kept (the engine says how many).</summary>
    internal int Dropped { get; private set; }

    /// <summary>
    /// When the document is a page composed with its layout, where each part of <see cref="Syntax"/> came from (most
    /// rules need not care: the engine maps findings back); null when the document is judged alone.
    /// </summary>
    public ComposedDocument? Composition { get; }

    public TemplateDocument Document { get; }

    public ParsedTemplate Syntax { get; }

    public SourceText Source => Syntax.Source;

    public HeadModel Head { get; }

    public SmoLspConfiguration Configuration { get; }

    /// <summary>Other files: layouts and local images. <see cref="EmptyWorkspace"/> when the host supplies none.</summary>
    public ITemplateWorkspace Workspace { get; }

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
        where T : class => _facts.Get(fact, this);

    /// <summary>The configured value of a threshold this rule declares, or its default.</summary>
    public double GetThreshold(string name)
    {
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
        _cancellation.ThrowIfCancellationRequested();
        if (_kept >= _maxFindings)
        {
            Dropped++;
            return;
        }

        _kept++;
        _sink.Add(new Diagnostic(
            Descriptor,
            span,
            severity ?? Descriptor.DefaultSeverity,
            Descriptor.FormatMessage(args ?? []),
            fixes ?? [],
            related ?? []));
    }
}
