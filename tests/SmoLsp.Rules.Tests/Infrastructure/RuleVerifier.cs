using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Tests.Infrastructure;

/// <summary>
/// One helper that calls the engine; rule tests are just templates. Diagnostics of the rule under test (and of
/// any rule named with <c>{|ID:...|}</c>) must match the markup exactly: no more, no fewer, same spans.
/// </summary>
public static class RuleVerifier
{
    public static AnalysisEngine EngineFor(params string[] ids) =>
        new(BuiltInRules.All.Where(r => ids.Contains(r.Descriptor.Id, StringComparer.Ordinal)));

    /// <param name="workspace">Other files the rule may ask about (layouts, images; see <see cref="FakeWorkspace"/>); none by default.</param>
    public static IReadOnlyList<Diagnostic> Verify<TRule>(string markup, string path = "index.html", SmoLspConfiguration? configuration = null, ITemplateWorkspace? workspace = null)
        where TRule : Rule, new()
    {
        var id = new TRule().Descriptor.Id;
        var (text, expected) = TestMarkup.Parse(markup, id);
        var ids = expected.Select(e => e.Id).Append(id).Distinct().ToArray();
        var result = EngineFor(ids).Analyze(TemplateDocument.FromPath(path, text), configuration, workspace);
        result.Diagnostics.ShouldNotContain(d => d.Id == EngineRules.RuleFailure.Id, Describe(result));
        var actual = result.Diagnostics.Where(d => ids.Contains(d.Id)).ToList();
        var actualPairs = actual.Select(d => $"{d.Id} {d.Span} '{Slice(text, d.Span)}'").OrderBy(s => s, StringComparer.Ordinal).ToList();
        var expectedPairs = expected.Select(e => $"{e.Id} {e.Span} '{Slice(text, e.Span)}'").OrderBy(s => s, StringComparer.Ordinal).ToList();
        actualPairs.ShouldBe(expectedPairs, Describe(result));
        foreach (var d in actual)
        {
            d.Message.ShouldNotBeNullOrWhiteSpace();
            d.Message.ShouldNotContain("{0}");
        }

        return actual;
    }

    /// <summary>
    /// Applies the fix of <typeparamref name="TRule"/> (the first, or the one titled <paramref name="fixTitle"/>) and
    /// compares with <paramref name="after"/>; then checks the fixed text no longer has that diagnostic and a second
    /// application changes nothing. Runs again with CRLF line endings to prove the document's own are kept.
    /// </summary>
    public static void VerifyFix<TRule>(string before, string after, string path = "index.html", SmoLspConfiguration? configuration = null, string? fixTitle = null, FixSafety? safety = null, ITemplateWorkspace? workspace = null)
        where TRule : Rule, new()
    {
        VerifyFixOnce<TRule>(before, after, path, configuration, fixTitle, safety, workspace);
        if (before.Contains('\n', StringComparison.Ordinal))
        {
            VerifyFixOnce<TRule>(ToCrLf(before), ToCrLf(after), path, configuration, fixTitle, safety, workspace);
        }
    }

    private static void VerifyFixOnce<TRule>(string before, string after, string path, SmoLspConfiguration? configuration, string? fixTitle, FixSafety? safety, ITemplateWorkspace? workspace)
        where TRule : Rule, new()
    {
        var id = new TRule().Descriptor.Id;
        var engine = EngineFor(id);
        var first = engine.Analyze(TemplateDocument.FromPath(path, before), configuration, workspace);
        var diagnostics = first.Diagnostics.Where(d => d.Id == id).ToList();
        diagnostics.ShouldNotBeEmpty($"{id} did not report on the 'before' text.");
        var (diagnostic, fix) = diagnostics
            .SelectMany(d => d.Fixes.Select(f => (d, f)))
            .FirstOrDefault(x => fixTitle is null || x.f.Title == fixTitle);
        fix.ShouldNotBeNull($"{id} offered no fix{(fixTitle is null ? string.Empty : $" titled '{fixTitle}'")}. Fixes: {string.Join(", ", diagnostics.SelectMany(d => d.Fixes).Select(f => f.Title))}");
        if (safety is not null)
        {
            fix.Safety.ShouldBe(safety.Value);
        }

        var fixedText = TextEdits.Apply(before, fix.Edits);
        fixedText.ShouldBe(after);

        var second = engine.Analyze(TemplateDocument.FromPath(path, fixedText), configuration, workspace);
        second.Diagnostics.Count(d => d.Id == id).ShouldBeLessThan(diagnostics.Count, $"{id} still reports after its fix:\n{fixedText}");

        // Idempotence: once every safe fix of this rule is applied, another pass changes nothing.
        if (fix.IsSafe)
        {
            var once = ApplyAllSafe(engine, path, before, configuration, workspace);
            ApplyAllSafe(engine, path, once, configuration, workspace).ShouldBe(once);
        }
    }

    private static string ApplyAllSafe(AnalysisEngine engine, string path, string text, SmoLspConfiguration? configuration, ITemplateWorkspace? workspace)
    {
        for (var pass = 0; pass < 10; pass++)
        {
            var edits = TextEdits.CollectSafeFixes(engine.Analyze(TemplateDocument.FromPath(path, text), configuration, workspace));
            if (edits.Count == 0)
            {
                return text;
            }

            text = TextEdits.Apply(text, edits);
        }

        throw new ShouldAssertException("Safe fixes did not converge within 10 passes.");
    }

    public static string ToCrLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    private static string Slice(string text, Analysis.Text.TextSpan span) =>
        span.End <= text.Length ? text.Substring(span.Start, span.Length).Replace("\n", "\\n", StringComparison.Ordinal) : "<out of range>";

    private static string Describe(AnalysisResult result) =>
        "Actual diagnostics:\n" + string.Join("\n", result.Diagnostics.Select(d => $"  {d.Id} {d.Span} {d.Message}"));

    public static SmoLspConfiguration Config(string json)
    {
        var parsed = ConfigurationParser.Parse(json, "smolsp.json", BuiltInRules.CreateEngine().Descriptors);
        parsed.Errors.ShouldBeEmpty();
        return parsed.Configuration;
    }

    public static TemplateLanguage LanguageOf(string path) => TemplateLanguages.FromPath(path) ?? TemplateLanguage.Html;
}
