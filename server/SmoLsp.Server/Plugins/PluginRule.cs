using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// A plugin's rule with its descriptor read once, when it was created under the loader's guard: a descriptor
/// getter is plugin code too, and the host reads descriptors outside any guard (configuration, listings, reports).
/// </summary>
public sealed class PluginRule(Rule rule, RuleDescriptor descriptor) : Rule
{
    /// <summary>The plugin's own rule object.</summary>
    public Rule Inner { get; } = rule;

    public string TypeName => Inner.GetType().FullName ?? Inner.GetType().Name;

    public override RuleDescriptor Descriptor { get; } = descriptor;

    public override void Initialize(RuleRegistration registration) => Inner.Initialize(registration);
}
