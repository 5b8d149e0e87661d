using Microsoft.CodeAnalysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules;

namespace SmoLsp.Analyzers.Tests;

/// <summary>The analyzer's descriptors come from the catalog's: ids, titles, categories, help links, severities and defaults cannot drift.</summary>
public sealed class DescriptorTests
{
    private static readonly IReadOnlyList<RuleDescriptor> s_catalog = [.. BuiltInRules.All.Select(r => r.Descriptor), .. EngineRules.All];

    [Fact]
    public void Every_rule_that_reads_no_files_is_supported_and_no_other()
    {
        var supported = new SmoLspAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToList();

        supported.ShouldBe(s_catalog.Where(d => !d.ReadsLocalFiles).Select(d => d.Id).Order(StringComparer.Ordinal));
        supported.ShouldNotContain("SMO408");
        supported.ShouldContain("SMO001");
        supported.ShouldContain("SMO210");
    }

    [Fact]
    public void Each_descriptor_is_the_catalogs()
    {
        foreach (var roslyn in new SmoLspAnalyzer().SupportedDiagnostics)
        {
            var rule = s_catalog.Single(d => d.Id == roslyn.Id);
            roslyn.Title.ToString().ShouldBe(rule.Title);
            roslyn.MessageFormat.ToString().ShouldBe(rule.MessageFormat);
            roslyn.Category.ShouldBe("SmoLsp." + rule.Category);
            roslyn.HelpLinkUri.ShouldBe(rule.HelpLink);
            roslyn.IsEnabledByDefault.ShouldBe(rule.EnabledByDefault);
            roslyn.DefaultSeverity.ShouldBe(rule.DefaultSeverity switch
            {
                SmoLsp.Analysis.Rules.DiagnosticSeverity.Hint => Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden,
                SmoLsp.Analysis.Rules.DiagnosticSeverity.Info => Microsoft.CodeAnalysis.DiagnosticSeverity.Info,
                SmoLsp.Analysis.Rules.DiagnosticSeverity.Warning => Microsoft.CodeAnalysis.DiagnosticSeverity.Warning,
                _ => Microsoft.CodeAnalysis.DiagnosticSeverity.Error,
            });
        }
    }

    [Fact]
    public void Site_rules_say_they_report_at_the_end_of_the_compilation()
    {
        var siteIds = BuiltInRules.All.OfType<SiteRule>().Select(r => r.Descriptor.Id).ToHashSet();
        siteIds.ShouldNotBeEmpty();
        foreach (var roslyn in new SmoLspAnalyzer().SupportedDiagnostics)
        {
            roslyn.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd).ShouldBe(siteIds.Contains(roslyn.Id), roslyn.Id);
        }
    }
}
