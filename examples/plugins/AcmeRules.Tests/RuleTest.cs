using System.Text;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace AcmeRules.Tests;

/// <summary>
/// Runs one rule through SmoLsp's engine, as smolsp will. Tests read like the template a user writes: <c>[|...|]</c>
/// marks where a diagnostic of the rule is expected; no markup means none.
/// </summary>
internal static class RuleTest
{
    public static AnalysisResult Analyze<TRule>(string text, string path = "index.html")
        where TRule : Rule, new() =>
        new AnalysisEngine([new TRule()]).Analyze(TemplateDocument.FromPath(path, text));

    /// <summary>Fails unless the rule reports exactly on the marked spans.</summary>
    public static IReadOnlyList<Diagnostic> Verify<TRule>(string markup, string path = "index.html")
        where TRule : Rule, new()
    {
        var (text, expected) = Parse(markup);
        var diagnostics = Analyze<TRule>(text, path).Diagnostics;
        diagnostics.ShouldNotContain(d => d.Id == "SMO900", "the rule must not throw");
        diagnostics.Select(d => d.Span).ShouldBe(expected, ignoreOrder: true);
        return diagnostics;
    }

    /// <summary>Applies the rule's safe fixes: the result must be <paramref name="after"/>, clean, and stable.</summary>
    public static void VerifyFix<TRule>(string before, string after, string path = "index.html")
        where TRule : Rule, new()
    {
        var result = Analyze<TRule>(before, path);
        var fixedText = TextEdits.Apply(before, TextEdits.CollectSafeFixes(result));
        fixedText.ShouldBe(after);

        var again = Analyze<TRule>(fixedText, path);
        again.Diagnostics.ShouldBeEmpty("the fixed text has nothing left to report");
        TextEdits.Apply(fixedText, TextEdits.CollectSafeFixes(again)).ShouldBe(fixedText, "applying fixes twice changes nothing");
    }

    private static (string Text, List<TextSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
            {
                open.Push(text.Length);
                i++;
            }
            else if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0)
            {
                spans.Add(TextSpan.FromBounds(open.Pop(), text.Length));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        return (text.ToString(), spans);
    }
}
