using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmoLsp.Analysis.Rules;
using CoreSeverity = SmoLsp.Analysis.Rules.DiagnosticSeverity;
using CoreSpan = SmoLsp.Analysis.Text.LinePositionSpan;
using CoreTextSpan = SmoLsp.Analysis.Text.TextSpan;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace SmoLsp.Analyzers;

/// <summary>The catalog's descriptors and the core's findings in Roslyn's terms: one mapping, so ids, titles, categories, help links and severities cannot drift.</summary>
internal static class RoslynDiagnostics
{
    /// <summary>Site rules report at the end of the compilation, when every page was seen (Roslyn asks for the tag).</summary>
    public static DiagnosticDescriptor ToRoslyn(RuleDescriptor rule, bool isSiteRule) => new(
        rule.Id,
        rule.Title,
        rule.MessageFormat,
        "SmoLsp." + rule.Category,
        ToRoslyn(rule.DefaultSeverity),
        rule.EnabledByDefault,
        description: null,
        helpLinkUri: rule.HelpLink,
        customTags: isSiteRule ? [WellKnownDiagnosticTags.CompilationEnd] : []);

    public static RoslynSeverity ToRoslyn(CoreSeverity severity) => severity switch
    {
        CoreSeverity.Hint => RoslynSeverity.Hidden,
        CoreSeverity.Info => RoslynSeverity.Info,
        CoreSeverity.Warning => RoslynSeverity.Warning,
        _ => RoslynSeverity.Error,
    };

    public static Location ToLocation(string path, CoreTextSpan span, CoreSpan lines) => Location.Create(
        path,
        new Microsoft.CodeAnalysis.Text.TextSpan(span.Start, span.Length),
        new Microsoft.CodeAnalysis.Text.LinePositionSpan(
            new Microsoft.CodeAnalysis.Text.LinePosition(lines.Start.Line, lines.Start.Character),
            new Microsoft.CodeAnalysis.Text.LinePosition(lines.End.Line, lines.End.Character)));

    /// <summary>
    /// One finding, with the message the core wrote (the same words <c>smolsp check</c> prints) and the severity the
    /// configuration resolved. Enabled as reported: a rule off by default that smolsp.json turns on must not be dropped
    /// by the compiler for being off by default.
    /// </summary>
    public static Microsoft.CodeAnalysis.Diagnostic Create(DiagnosticDescriptor descriptor, string message, CoreSeverity severity, Location location, IEnumerable<Location> related)
    {
        var roslynSeverity = ToRoslyn(severity);
        return Microsoft.CodeAnalysis.Diagnostic.Create(
            descriptor.Id,
            descriptor.Category,
            message,
            roslynSeverity,
            descriptor.DefaultSeverity,
            isEnabledByDefault: true,
            warningLevel: roslynSeverity == RoslynSeverity.Error ? 0 : 1,
            title: descriptor.Title,
            helpLink: descriptor.HelpLinkUri,
            location: location,
            additionalLocations: related.ToList(),
            customTags: descriptor.CustomTags.ToImmutableArray());
    }
}
