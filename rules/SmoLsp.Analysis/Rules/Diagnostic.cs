using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Rules;

public enum FixSafety
{
    /// <summary>Needs no human input: <c>check --fix</c> and fix-all may apply it.</summary>
    Safe,

    /// <summary>Offered in the editor only (e.g. inserts a placeholder to complete).</summary>
    Suggestion,
}

/// <summary>Replace <see cref="Span"/> with <see cref="NewText"/>. <see cref="DocumentPath"/> null means the analyzed document.</summary>
public sealed record TextEdit(TextSpan Span, string NewText, string? DocumentPath = null)
{
    public static TextEdit Insert(int offset, string text) => new(new TextSpan(offset, 0), text);

    public static TextEdit Delete(TextSpan span) => new(span, string.Empty);
}

public sealed record CodeFix(string Title, FixSafety Safety, IReadOnlyList<TextEdit> Edits)
{
    public bool IsSafe => Safety == FixSafety.Safe;
}

/// <summary>Another place that explains a diagnostic: the other copy of a duplicate, the layout that supplies a tag.</summary>
public sealed record RelatedLocation(string? DocumentPath, TextSpan Span, string Message);

public sealed record Diagnostic(
    RuleDescriptor Descriptor,
    TextSpan Span,
    DiagnosticSeverity Severity,
    string Message,
    IReadOnlyList<CodeFix> Fixes,
    IReadOnlyList<RelatedLocation> RelatedLocations)
{
    public string Id => Descriptor.Id;

    /// <summary>True for diagnostics an editor should show faded (an unused suppression).</summary>
    public bool IsUnnecessary { get; init; }

    public override string ToString() => $"{Id} {Severity} {Span}: {Message}";
}
