using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Rules;
using CoreText = SmoLsp.Analysis.Text;

namespace SmoLsp.Analyzers;

/// <summary>
/// SMO findings as compiler diagnostics: every page among the project's AdditionalFiles is analyzed as
/// <c>smolsp check</c> analyzes it (same engine, same built-in rules, composed with its layout found among the other
/// AdditionalFiles, same configuration layers, inline suppressions honoured), and the cross-page rules compare the
/// project's pages at the end of the compilation. Rules that read image files and plugins do not run here
/// (<see cref="RuleDescriptor.ReadsLocalFiles"/>; docs/analyzers.md).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp, LanguageNames.VisualBasic)]
public sealed class SmoLspAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The same budget per file as <c>smolsp check</c> and the editor (docs/limits.md).</summary>
    private static readonly TimeSpan s_timeBudget = TimeSpan.FromSeconds(10);

    /// <summary>Every built-in id: what smolsp.json and .editorconfig may name, run here or not.</summary>
    private static readonly IReadOnlyList<RuleDescriptor> s_catalog = [.. BuiltInRules.All.Select(r => r.Descriptor), .. EngineRules.All];

    /// <summary>Built once per compiler process (the compiler server keeps it): its composition cache lives as long.</summary>
    internal static readonly AnalysisEngine Engine = new(BuiltInRules.All.Where(r => !r.Descriptor.ReadsLocalFiles));

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> s_descriptors = CreateDescriptors();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [.. s_descriptors.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];

    private static ImmutableDictionary<string, DiagnosticDescriptor> CreateDescriptors()
    {
        var siteRules = new HashSet<string>(Engine.Rules.OfType<SiteRule>().Select(r => r.Descriptor.Id), StringComparer.Ordinal);
        return Engine.Descriptors.ToImmutableDictionary(d => d.Id, d => RoslynDiagnostics.ToRoslyn(d, siteRules.Contains(d.Id)), StringComparer.OrdinalIgnoreCase);
    }

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var site = ProjectSite.Create(start.Options, start.Compilation.Options, s_catalog, start.CancellationToken);
            if (site.Files.Count == 0)
            {
                return;
            }

            var workspace = new AdditionalFilesWorkspace(site, start.CancellationToken);
            var facts = new ConcurrentBag<PageFacts>();
            start.RegisterAdditionalFileAction(file => AnalyzeFile(file, site, workspace, facts));
            start.RegisterCompilationEndAction(end => ReportCrossPageFindings(end, site, facts));
        });
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, ProjectSite site, AdditionalFilesWorkspace workspace, ConcurrentBag<PageFacts> facts)
    {
        var path = context.AdditionalFile.Path;
        if (Path.GetFileName(path) == ConfigurationParser.FileName)
        {
            if (path == site.ConfigFileFor(Path.GetDirectoryName(path)))
            {
                ReportConfigurationErrors(context, site, path);
            }

            return;
        }

        var configuration = site.ConfigurationFor(path);
        if (!site.IsPage(path, configuration) || workspace.GetTemplate(path) is not { } document)
        {
            return;
        }

        SmoLsp.Analysis.Engine.AnalysisResult result;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken))
        {
            budget.CancelAfter(s_timeBudget);
            try
            {
                result = Engine.Analyze(document, configuration, workspace, new AnalysisBudget(s_timeBudget, budget.Token));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                // A bug in the engine costs the page its analysis, never the build: one SMO900, as smolsp check says it.
                var failure = EngineRules.RuleFailure;
                context.ReportDiagnostic(RoslynDiagnostics.Create(s_descriptors[failure.Id], "SmoLsp could not analyze this file: " + ex.GetType().Name + ": " + ex.Message,
                    failure.DefaultSeverity, RoslynDiagnostics.ToLocation(path, new CoreText.TextSpan(0, 0), default), []));
                return;
            }
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        var source = result.Syntax.Source;
        foreach (var d in result.Diagnostics)
        {
            if (!s_descriptors.TryGetValue(d.Id, out var descriptor))
            {
                continue;
            }

            var related = d.RelatedLocations.Select(r => Related(r, path, source, workspace)).Where(l => l is not null).Select(l => l!);
            context.ReportDiagnostic(RoslynDiagnostics.Create(descriptor, d.Message, d.Severity, RoslynDiagnostics.ToLocation(path, d.Span, source.GetPositionSpan(d.Span)), related));
        }

        if (!result.SiteFacts.IsEmpty)
        {
            facts.Add(result.SiteFacts);
        }
    }

    private static Location? Related(RelatedLocation related, string path, CoreText.SourceText source, AdditionalFilesWorkspace workspace)
    {
        if (related.DocumentPath is null || related.DocumentPath == path)
        {
            return RoslynDiagnostics.ToLocation(path, related.Span, source.GetPositionSpan(related.Span));
        }

        return workspace.GetTemplate(related.DocumentPath) is { } other && related.Span.Start + related.Span.Length <= other.Text.Length
            ? RoslynDiagnostics.ToLocation(related.DocumentPath, related.Span, new CoreText.SourceText(other.Text).GetPositionSpan(related.Span))
            : null;
    }

    /// <summary><c>smolsp check</c> stops with exit code 2 on these; a build has no such code, so each is an SMO902 on its line.</summary>
    private static void ReportConfigurationErrors(AdditionalFileAnalysisContext context, ProjectSite site, string path)
    {
        if (site.Config(path) is not { Errors.Count: > 0 } result || context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        var descriptor = s_descriptors[EngineRules.InvalidConfiguration.Id];
        var lines = new CoreText.SourceText(text.ToString());
        foreach (var error in result.Errors)
        {
            var position = new CoreText.LinePosition(Math.Max(0, error.Line - 1), Math.Max(0, error.Column - 1));
            var offset = Math.Min(lines.GetOffset(position), lines.Length);
            var message = (error.Key.Length > 0 ? $"'{error.Key}': " : string.Empty) + error.Message;
            context.ReportDiagnostic(RoslynDiagnostics.Create(descriptor, message, EngineRules.InvalidConfiguration.DefaultSeverity,
                RoslynDiagnostics.ToLocation(path, new CoreText.TextSpan(offset, 0), new CoreText.LinePositionSpan(position, position)), []));
        }
    }

    /// <summary>The cross-page rules over the project's pages, grouped by site as the site session groups them.</summary>
    private static void ReportCrossPageFindings(CompilationAnalysisContext context, ProjectSite site, ConcurrentBag<PageFacts> facts)
    {
        foreach (var group in facts.GroupBy(f => site.SiteOf(f.Path), StringComparer.Ordinal))
        {
            var pages = group.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            foreach (var finding in SiteAnalysis.Analyze(pages, p => ProjectSite.Relative(p, group.Key) ?? p))
            {
                if (finding.Suppression is not null || !s_descriptors.TryGetValue(finding.Diagnostic.Id, out var descriptor))
                {
                    continue;
                }

                var related = finding.Related.Select(r => RoslynDiagnostics.ToLocation(r.Path, r.Span, r.Range));
                context.ReportDiagnostic(RoslynDiagnostics.Create(descriptor, finding.Diagnostic.Message, finding.Diagnostic.Severity,
                    RoslynDiagnostics.ToLocation(finding.Path, finding.Diagnostic.Span, finding.Range), related));
            }
        }
    }
}
