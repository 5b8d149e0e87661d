using Microsoft.CodeAnalysis;

namespace SmoLsp.Analyzers.Tests;

/// <summary>
/// The analyzer over a project's AdditionalFiles reports what <c>smolsp check</c> reports on the same files: composed
/// pages, configuration layers, suppressions, cross-page rules per site. (The end-to-end comparison with the real
/// <c>smolsp check</c> on <c>dotnet new</c> apps is scripts/analyzer-e2e.sh.)
/// </summary>
public sealed class AnalyzerTests
{
    private const string ViewStart = "@{ Layout = \"_Layout\"; }\n";

    private const string Index = "@{ ViewData[\"Title\"] = \"Widgets for every workshop\"; }\n<h1>Widgets</h1>\n";

    /// <summary>An MVC layout that lacks og:description, og:image, og:url, og:type and og:site_name; its pages set the title.</summary>
    private const string Layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"] - Acme Widgets</title>
            <meta name="description" content="Acme makes sturdy widgets for every workshop and ships them worldwide within two days." />
            <meta property="og:title" content="@ViewData["Title"]" />
            <link rel="canonical" href="https://acme.example@Context.Request.Path" />
        {|SMO002:{|SMO003:{|SMO004:{|SMO005:{|SMO006:</head>|}|}|}|}|}
        <body>@RenderBody()<a href="https://github.com/acme" rel="me">GitHub</a></body>
        </html>
        """;

    /// <summary>A plain page with every missing-tag finding on its <c>&lt;/head&gt;</c>.</summary>
    private static string Page(string title, string only = "") => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
            {{(only == "SMO210" ? "{|SMO210:" : string.Empty)}}<title>{{title}}</title>{{(only == "SMO210" ? "|}" : string.Empty)}}
        </head>
        <body><h1>Widgets</h1></body>
        </html>
        """;

    private static AnalyzerRun Mvc(string layout = Layout) => new AnalyzerRun()
        .File("Views/_ViewStart.cshtml", ViewStart)
        .File("Views/Shared/_Layout.cshtml", layout)
        .File("Views/Home/Index.cshtml", Index);

    [Fact]
    public async Task An_mvc_page_is_composed_with_the_layout_it_finds_among_the_additional_files()
    {
        // Each missing tag is reported once, on the layout, where it must be added; the page sets its title and is clean.
        var diagnostics = await Mvc().Verify();

        var line = diagnostics.First(d => d.Id == "SMO002").Location.GetLineSpan();
        line.Path.ShouldBe(AnalyzerRun.ProjectFolder + "/Views/Shared/_Layout.cshtml");
        line.StartLinePosition.Line.ShouldBe(8);
        diagnostics.First(d => d.Id == "SMO002").GetMessage().ShouldStartWith("The page has no og:description");
    }

    [Fact]
    public async Task A_blazor_page_is_composed_with_app_razor_and_told_on_its_page_line()
    {
        await new AnalyzerRun()
            .File("Components/App.razor", """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                    <meta charset="utf-8" />
                    <HeadOutlet />
                {|SMO005:{|SMO006:</head>|}|}
                <body><Routes /></body>
                </html>
                """)
            .File("Components/Pages/Home.razor", """
                @page "/"
                {|SMO204:{|SMO205:{|SMO001:{|SMO002:{|SMO003:{|SMO004:{|SMO207:{|SMO305:<PageTitle>|}|}|}|}|}|}Home</PageTitle>|}|}
                <h1>Hello</h1>
                """)
            .Verify();
    }

    [Fact]
    public async Task Editorconfig_sections_set_severities_the_compiler_ignores_for_additional_files()
    {
        var diagnostics = await Mvc(Layout.Replace("{|SMO005:", string.Empty).Replace("</head>|}|}|}|}|}", "</head>|}|}|}|}"))
            .File(".editorconfig", """
                root = true

                [*.cshtml]
                dotnet_diagnostic.SMO005.severity = none
                dotnet_diagnostic.SMO002.severity = error

                [*.html]
                dotnet_diagnostic.SMO003.severity = none
                """)
            .Verify();

        diagnostics.Single(d => d.Id == "SMO002").Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostics.Single(d => d.Id == "SMO003").Severity.ShouldBe(DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task Configuration_above_the_root_is_not_read_as_smolsp_check_does_not_read_it()
    {
        var diagnostics = await Mvc()
            .File("../../.editorconfig", "[*]\ndotnet_diagnostic.SMO003.severity = none\n")
            .File("../../smolsp.json", """{ "rules": { "SMO004": "off" } }""")
            .Verify();

        diagnostics.ShouldContain(d => d.Id == "SMO003");
    }

    [Fact]
    public async Task Smolsp_json_wins_over_editorconfig_and_the_build_wins_over_both()
    {
        var diagnostics = await Mvc(Layout.Replace("{|SMO004:", string.Empty).Replace("</head>|}|}|}|}|}", "</head>|}|}|}|}"))
            .File("smolsp.json", """{ "rules": { "SMO002": "info", "SMO004": "off", "SMO006": "off" } }""")
            .File(".editorconfig", "[*.cshtml]\ndotnet_diagnostic.SMO002.severity = error\n")
            // .globalconfig / WarningsAsErrors: applied by the compiler over what the analyzer says; SMO006 runs again.
            .BuildOption("SMO006", ReportDiagnostic.Error)
            .BuildOption("SMO003", ReportDiagnostic.Suppress)
            .Verify("SMO002", "SMO004", "SMO006");

        diagnostics.Single(d => d.Id == "SMO002").Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostics.Single(d => d.Id == "SMO006").Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostics.ShouldNotContain(d => d.Id == "SMO003");
    }

    [Fact]
    public async Task Suppression_comments_are_honoured()
    {
        var layout = Layout
            .Replace("{|SMO002:", string.Empty).Replace("</head>|}|}|}|}|}", "</head>|}|}|}|}")
            .Replace("{|SMO003:", "@* smolsp-disable-next-line SMO002 -- the CMS writes og:description *@\n{|SMO003:");
        await Mvc(layout).Verify();
    }

    [Fact]
    public async Task Cross_page_rules_compare_the_pages_of_one_site_at_the_end_of_the_compilation()
    {
        var diagnostics = await new AnalyzerRun()
            .File("wwwroot/a.html", Page("Acme widgets for every workshop, shipped in two days", only: "SMO210"))
            .File("wwwroot/b.html", Page("Acme widgets for every workshop, shipped in two days", only: "SMO210"))
            // A folder with its own smolsp.json is another site, as for smolsp check: never compared with the app's pages.
            .File("docs/smolsp.json", "{}")
            .File("docs/c.html", Page("Acme widgets for every workshop, shipped in two days"))
            .Verify("SMO210");

        diagnostics.First(d => d.Id == "SMO210").GetMessage().ShouldContain("wwwroot/");
        diagnostics.First(d => d.Id == "SMO210").AdditionalLocations.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Ignored_files_and_build_output_are_not_pages()
    {
        await new AnalyzerRun()
            .File(".smolspignore", "legacy/\n")
            .File("legacy/old.html", Page("Old"))
            .File("obj/Debug/generated.html", Page("Generated"))
            .File("node_modules/pkg/readme.html", Page("Package"))
            .File("smolsp.json", """{ "exclude": ["drafts/**"] }""")
            .File("drafts/next.html", Page("Next"))
            .Verify();
    }

    [Fact]
    public async Task A_broken_smolsp_json_is_an_smo902_error_on_its_line_and_its_files_use_the_defaults()
    {
        var diagnostics = await Mvc()
            .File("smolsp.json", "{\n  \"rules\": { \"SMO999\": \"off\" }\n}\n")
            .RunAsync();

        var error = diagnostics.Single(d => d.Id == "SMO902");
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Location.GetLineSpan().Path.ShouldBe(AnalyzerRun.ProjectFolder + "/smolsp.json");
        error.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(1);
        error.GetMessage().ShouldContain("SMO999");
        diagnostics.ShouldContain(d => d.Id == "SMO002");
    }

    [Fact]
    public async Task A_project_without_templates_reports_nothing()
    {
        (await new AnalyzerRun().File("appsettings.json", "{}").RunAsync()).ShouldBeEmpty();
    }
}
