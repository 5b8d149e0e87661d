namespace SmoLsp.Analysis.Rules;

/// <summary>
/// A fact several rules derive from one document (the local images its share tags name, the misspelled properties),
/// computed once per analyzed document and shared by every rule through <see cref="RuleContext.Get{T}"/>. Declare one
/// static instance per fact: the instance is the key, so two facts never collide.
/// </summary>
public sealed class DocumentFact<T>(Func<RuleContext, T> compute)
    where T : class
{
    internal T Compute(RuleContext context) => compute(context);
}

/// <summary>The facts of one analyzed document, shared by its rule contexts (rules of one document run on one thread).</summary>
internal sealed class DocumentFacts
{
    private Dictionary<object, object>? _values;

    public T Get<T>(DocumentFact<T> fact, RuleContext context)
        where T : class
    {
        _values ??= [];
        if (!_values.TryGetValue(fact, out var value))
        {
            _values[fact] = value = fact.Compute(context);
        }

        return (T)value;
    }
}
