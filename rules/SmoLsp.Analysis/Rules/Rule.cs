using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Rules;

/// <summary>
/// A rule, Roslyn-analyzer style: it describes itself and registers the actions it needs; the engine walks the
/// template once and calls each action only for what it registered for. Rules must be stateless and thread-safe.
/// </summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    public abstract void Initialize(RuleRegistration registration);
}

public sealed class RuleRegistration
{
    internal List<(Action<RuleContext> Action, bool IncludeFragments)> DocumentActions { get; } = [];

    internal List<(string[] Names, Action<RuleContext, HtmlElement> Action)> ElementActions { get; } = [];

    /// <summary>
    /// Runs once per document. Document-level actions skip fragments (partials, components without a page role)
    /// unless <paramref name="includeFragments"/> is true.
    /// </summary>
    public void RegisterDocumentAction(Action<RuleContext> action, bool includeFragments = false) =>
        DocumentActions.Add((action, includeFragments));

    /// <summary>Runs for every element with one of the given lower-case names, fragments included.</summary>
    public void RegisterElementAction(Action<RuleContext, HtmlElement> action, params string[] elementNames) =>
        ElementActions.Add((elementNames, action));
}
