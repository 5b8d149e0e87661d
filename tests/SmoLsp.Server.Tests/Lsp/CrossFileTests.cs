using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// Composed Razor pages report related locations in, and fix, another file (the layout). The core says which file
/// by path; the server turns that into the right URI, version and positions, whether or not the editor has it open.
/// </summary>
public sealed class CrossFileTests
{
    private const string LayoutText = "<html>\n  <head>\n    <title>@ViewData[\"Title\"]</title>\n  </head>\n</html>\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Related_information_and_fixes_point_at_the_layout(bool layoutOpen)
    {
        var root = Directory.CreateTempSubdirectory("smolsp-layout-");
        try
        {
            var layout = Path.Combine(root.FullName, "_Layout.cshtml");
            await File.WriteAllTextAsync(layout, LayoutText);
            var page = Path.Combine(root.FullName, "Index.cshtml");
            var pageUri = new Uri(page).AbsoluteUri;
            var layoutUri = new Uri(layout).AbsoluteUri;
            await using var client = new LspTestClient(services => services.AddSingleton(new AnalysisEngine([new LayoutRule(layout)])));
            await client.InitializeAsync(new
            {
                textDocument = new { publishDiagnostics = new { relatedInformation = true }, codeAction = new { codeActionLiteralSupport = new { } } },
                workspace = new { workspaceEdit = new { documentChanges = true } },
            });
            if (layoutOpen)
            {
                await client.OpenAsync(layoutUri, LayoutText, version: 5, languageId: "razor");
            }

            await client.OpenAsync(pageUri, "@{ ViewData[\"Title\"] = \"Home\"; }\n<h1>Home</h1>\n", languageId: "razor");
            var diagnostic = (await client.WaitForDiagnosticsAsync(pageUri, 1)).Single(d => (string?)d!["code"] == "SMO997")!;
            var related = diagnostic["relatedInformation"]!.AsArray().Single()!;
            ((string?)related["location"]!["uri"]).ShouldBe(layoutUri);
            ((int?)related["location"]!["range"]!["start"]!["line"]).ShouldBe(1);
            ((int?)related["location"]!["range"]!["start"]!["character"]).ShouldBe(2);

            var actions = (await client.RequestAsync("textDocument/codeAction", new
            {
                textDocument = new { uri = pageUri },
                range = diagnostic["range"]!.DeepClone(),
                context = new { diagnostics = new JsonArray(diagnostic.DeepClone()) },
            }))["result"]!.AsArray();
            var fix = actions.Single(a => (string?)a!["title"] == "Add og:title to the layout")!;
            var change = fix["edit"]!["documentChanges"]!.AsArray().Single()!;
            ((string?)change["textDocument"]!["uri"]).ShouldBe(layoutUri);
            // A file the editor has open is versioned; one only on disk has version null (written explicitly).
            change["textDocument"]!.AsObject().ContainsKey("version").ShouldBeTrue();
            ((int?)change["textDocument"]!["version"]).ShouldBe(layoutOpen ? 5 : null);
            LspEdits.Apply(LayoutText, change["edits"]!.AsArray()).ShouldContain("</title>\n    <meta property=\"og:title\" content=\"@ViewData[\"Title\"]\" />");
            await client.ShutdownAndExitAsync();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Stands in for the composition rules: reports on the page, points at and fixes the layout.</summary>
    private sealed class LayoutRule(string layoutPath) : Rule
    {
        public static readonly RuleDescriptor Rule = new("SMO997", "Layout lacks og:title", "The layout has no og:title", RuleCategory.OpenGraph, DiagnosticSeverity.Warning, FixAvailability.Safe);

        public override RuleDescriptor Descriptor => Rule;

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
        {
            var headStart = LayoutText.IndexOf("<head>", StringComparison.Ordinal);
            var titleEnd = LayoutText.IndexOf("</title>", StringComparison.Ordinal) + "</title>".Length;
            var fix = new CodeFix("Add og:title to the layout", FixSafety.Safe,
                [new TextEdit(new TextSpan(titleEnd, 0), "\n    <meta property=\"og:title\" content=\"@ViewData[\"Title\"]\" />", layoutPath)]);
            context.Report(new TextSpan(0, 1), fixes: [fix], related: [new RelatedLocation(layoutPath, new TextSpan(headStart, 6), "the layout's head")]);
        }, includeFragments: true);
    }
}
