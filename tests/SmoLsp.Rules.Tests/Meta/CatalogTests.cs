using System.Text.RegularExpressions;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Meta;

/// <summary>Tests over the whole catalog: every rule, present and future, gets these for free.</summary>
public sealed partial class CatalogTests
{
    private static readonly AnalysisEngine s_engine = BuiltInRules.CreateEngine();

    public static TheoryData<string> AllIds()
    {
        var data = new TheoryData<string>();
        foreach (var d in s_engine.Descriptors)
        {
            data.Add(d.Id);
        }

        return data;
    }

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var r in BuiltInRules.All)
        {
            data.Add(r.Descriptor.Id);
        }

        return data;
    }

    private static RuleDescriptor Descriptor(string id) => s_engine.Descriptors.Single(d => d.Id == id);

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        var ids = s_engine.Descriptors.Select(d => d.Id).ToList();
        ids.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(ids.Count);
        ids.ShouldAllBe(id => IdPattern().IsMatch(id));
    }

    [Fact]
    public void Rule_classes_are_named_after_their_id()
    {
        foreach (var rule in BuiltInRules.All)
        {
            rule.GetType().Name.ShouldStartWith(rule.Descriptor.Id);
            rule.GetType().IsSealed.ShouldBeTrue(rule.GetType().Name);
        }
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Descriptor_is_complete(string id)
    {
        var d = Descriptor(id);
        d.Title.ShouldNotBeNullOrWhiteSpace();
        d.MessageFormat.ShouldNotBeNullOrWhiteSpace();
        d.HelpLink.ShouldEndWith($"/rules/docs/{id}.md");
        var category = id[3] switch
        {
            '0' => RuleCategory.OpenGraph,
            '1' => RuleCategory.Twitter,
            '2' => RuleCategory.Titles,
            '3' => RuleCategory.Urls,
            '4' => RuleCategory.Images,
            '5' => RuleCategory.Social,
            _ => RuleCategory.Engine,
        };
        d.Category.ShouldBe(category, "the id's hundreds digit names its category (rule-catalog.md)");
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Has_a_doc_page_that_the_help_link_resolves_to(string id)
    {
        var doc = RuleDoc.Load(id);
        doc.ShouldNotBeNull($"rules/docs/{id}.md is missing");
        doc.Title.ShouldStartWith($"# {id}: ");
        doc.Text.ShouldContain("## Why");
        var relative = Descriptor(id).HelpLink[RuleDescriptor.DocsBaseUrl.Length..];
        File.Exists(Path.Combine(RuleDoc.DocsDirectory, relative)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void The_docs_index_lists_the_rule_as_declared(string id)
    {
        var d = Descriptor(id);
        var severity = d.DefaultSeverity.ToString().ToLowerInvariant();
        File.ReadAllText(Path.Combine(RuleDoc.DocsDirectory, "README.md"))
            .ShouldContain($"| [{id}]({id}.md) | {d.Title} | {severity} |", customMessage: "rules/docs/README.md is out of date");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Has_a_test_class(string id)
    {
        typeof(CatalogTests).Assembly.GetTypes().ShouldContain(t => t.Name.StartsWith(id, StringComparison.Ordinal) && t.Name.EndsWith("Tests", StringComparison.Ordinal), $"no {id}*Tests class");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Doc_examples_run(string id)
    {
        var doc = RuleDoc.Load(id)!;
        doc.Incorrect.ShouldNotBeEmpty($"{id}.md needs an ## Incorrect example");
        doc.Correct.ShouldNotBeEmpty($"{id}.md needs a ## Correct example");
        var config = doc.ConfigJson is null ? null : RuleVerifier.Config(doc.ConfigJson);
        var workspace = doc.ImagesJson is null ? null : FakeWorkspace.FromJson(doc.ImagesJson);
        var engine = RuleVerifier.EngineFor(id);
        if (BuiltInRules.All.Single(r => r.Descriptor.Id == id) is SiteRule)
        {
            RunSiteExamples(id, engine, doc, config);
            return;
        }

        foreach (var example in doc.Incorrect)
        {
            var result = engine.Analyze(TemplateDocument.FromPath(example.Path, example.Code), config, workspace);
            result.Diagnostics.ShouldContain(d => d.Id == id, $"Incorrect example ({example.Path}) of {id} raised nothing:\n{example.Code}");
        }

        foreach (var example in doc.Correct)
        {
            var result = engine.Analyze(TemplateDocument.FromPath(example.Path, example.Code), config, workspace);
            result.Diagnostics.ShouldNotContain(d => d.Id == id || d.Id == "SMO900", $"Correct example ({example.Path}) of {id} raised:\n" + string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        }
    }

    /// <summary>A site rule's examples are sites (several pages): each incorrect site must raise it somewhere, no correct site anywhere.</summary>
    private static void RunSiteExamples(string id, AnalysisEngine engine, RuleDoc doc, Analysis.Configuration.SmoLspConfiguration? config)
    {
        foreach (var site in doc.Incorrect.GroupBy(e => e.Site))
        {
            var found = SiteVerifier.Analyze(engine, site.Select(e => (e.Path, e.Code)), config);
            found.ShouldContain(d => d.Diagnostic.Id == id, $"Incorrect site ({string.Join(", ", site)}) of {id} raised nothing");
        }

        foreach (var site in doc.Correct.GroupBy(e => e.Site))
        {
            var found = SiteVerifier.Analyze(engine, site.Select(e => (e.Path, e.Code)), config);
            found.ShouldBeEmpty($"Correct site ({string.Join(", ", site)}) of {id} raised:\n" + string.Join("\n", found.Select(d => d.Diagnostic.Message)));
        }
    }

    public static TheoryData<string, string> HostileInputs()
    {
        var deep = string.Concat(Enumerable.Repeat("<div>", 100_000));
        var data = new TheoryData<string, string>
        {
            { "index.html", string.Empty },
            { "index.html", "   \n\t\r\n  " },
            { "_Card.cshtml", "<div class=\"card\"><h2>@Model.Name</h2></div>" },
            { "index.html", "\0\u0001\u0002<\uFFFD\uFFFE>\u0000<meta\0property=\"og:\0\">\u001b[0m" },
            { "index.html", "<html><head><title>x<meta property=og:title content=<<<<head></head></html" },
            { "index.html", "<!doctype html><html><head><meta property=\"og:image\" content=\"" },
            { "Pages/Index.razor", "@page \"/\"\n<PageTitle>@title</PageTitle>\n<HeadContent><meta name=\"description\" content=\"@desc\" /></HeadContent>\n@code { string title = \"Home\"; string desc = \"d\"; }" },
            { "Views/Shared/_Layout.cshtml", "<!DOCTYPE html><html><head>@if (x) { <title>A</title> } else { <title>B</title> }<meta property=\"og:title\" content=\"@ViewData[\"Title\"]\" /></head><body>@RenderBody()</body></html>" },
            { "index.html", "<html><head>" + deep },
            { "index.html", "<html><head><script type=\"application/ld+json\">{ not json</script><a href=\"https://x.com/intent/tweet?url=\">s</a><article>" },
            { "Views/Home/Index.cshtml", "@{ var s = \"}\"; @* unclosed" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Every_rule_survives_hostile_input(string path, string text)
    {
        var result = s_engine.Analyze(TemplateDocument.FromPath(path, text));
        result.Diagnostics.ShouldNotContain(d => d.Id == EngineRules.RuleFailure.Id, string.Join("\n", result.Diagnostics.Where(d => d.Id == "SMO900").Select(d => d.Message)));
        foreach (var d in result.Diagnostics)
        {
            d.Span.End.ShouldBeLessThanOrEqualTo(text.Length);
            foreach (var edit in d.Fixes.SelectMany(f => f.Edits).Where(e => e.DocumentPath is null))
            {
                edit.Span.End.ShouldBeLessThanOrEqualTo(text.Length);
            }
        }
    }

    [GeneratedRegex(@"^SMO\d{3}$")]
    private static partial Regex IdPattern();
}
