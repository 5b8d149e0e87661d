using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Site;

/// <summary>
/// One site rule's value on one page, with everything a report needs once the document is gone: the resolved
/// severity, the position, and the inline directive that suppresses a finding there, if any.
/// </summary>
public sealed record PageFact(RuleDescriptor Descriptor, PageValue Value, LinePositionSpan Range, DiagnosticSeverity Severity, SuppressionDirective? Suppression);

/// <summary>The small facts site rules need from one page: a few strings and positions, never the parse tree.</summary>
public sealed record PageFacts(string Path, IReadOnlyList<PageFact> Facts)
{
    public static readonly PageFacts None = new(string.Empty, []);

    public bool IsEmpty => Facts.Count == 0;
}
