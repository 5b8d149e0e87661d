using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// The language server composes an open Razor page with its layout on disk: the page is told what it lacks, the
/// related information points at the layout's RenderSection call, and the fix creates the page's section.
/// </summary>
public sealed class CompositionTests
{
    private const string Layout = "<!DOCTYPE html>\n<html>\n<head>\n    <title>@ViewData[\"Title\"] - Acme</title>\n    @await RenderSectionAsync(\"Head\", required: false)\n</head>\n<body>@RenderBody()</body>\n</html>\n";
    private const string Page = "@{\n    ViewData[\"Title\"] = \"Widgets for every workshop\";\n}\n\n<h1>Widgets</h1>\n";

    [Fact]
    public async Task A_page_is_judged_with_its_layout_and_fixed_in_its_own_section()
    {
        var root = Directory.CreateTempSubdirectory("smolsp-compose-");
        try
        {
            // An MVC app: its project file marks the folder an open page may read layouts in.
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
            Directory.CreateDirectory(Path.Combine(root.FullName, "Views", "Shared"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "Views", "Home"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "Views", "_ViewStart.cshtml"), "@{ Layout = \"_Layout\"; }\n");
            var layout = Path.Combine(root.FullName, "Views", "Shared", "_Layout.cshtml");
            await File.WriteAllTextAsync(layout, Layout);
            var page = Path.Combine(root.FullName, "Views", "Home", "Index.cshtml");
            var pageUri = new Uri(page).AbsoluteUri;
            var engine = new AnalysisEngine(BuiltInRules.All.Where(r => r.Descriptor.Id is "SMO002" or "SMO201"));
            await using var client = new LspTestClient(services => services.AddSingleton(engine));
            await client.InitializeAsync(new
            {
                textDocument = new { publishDiagnostics = new { relatedInformation = true }, codeAction = new { codeActionLiteralSupport = new { } } },
            });

            await client.OpenAsync(pageUri, Page, languageId: "razor");
            var diagnostics = await client.WaitForDiagnosticsAsync(pageUri, 1);

            // The layout supplies the title; the page must supply its description, through the layout's Head section.
            diagnostics.Select(d => (string?)d!["code"]).ShouldBe(["SMO002"]);
            var diagnostic = diagnostics.Single()!;
            ((int?)diagnostic["range"]!["start"]!["line"]).ShouldBe(0);
            var related = diagnostic["relatedInformation"]!.AsArray().Single()!;
            ((string?)related["location"]!["uri"]).ShouldBe(new Uri(layout).AbsoluteUri);
            ((int?)related["location"]!["range"]!["start"]!["line"]).ShouldBe(4);

            var actions = (await client.RequestAsync("textDocument/codeAction", new
            {
                textDocument = new { uri = pageUri },
                range = diagnostic["range"]!.DeepClone(),
                context = new { diagnostics = new JsonArray(diagnostic.DeepClone()) },
            }))["result"]!.AsArray();
            var fix = actions.First(a => ((string?)a!["title"])!.Contains("@section Head", StringComparison.Ordinal))!;
            var edits = fix["edit"]!["changes"]![pageUri]!.AsArray();
            LspEdits.Apply(Page, edits).ShouldContain("}\n\n@section Head {\n    <meta property=\"og:description\" content=\"TODO");
            await client.ShutdownAndExitAsync();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
