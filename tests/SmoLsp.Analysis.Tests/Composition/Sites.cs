using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>Templates shaped like the ASP.NET Core project templates, and helpers to compose them.</summary>
internal static class Sites
{
    public const string ViewStart = "@{\n    Layout = \"_Layout\";\n}\n";

    public const string Layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"] - Acme</title>
            @await RenderSectionAsync("Head", required: false)
        </head>
        <body>
            <main role="main">
                @RenderBody()
            </main>
            @await RenderSectionAsync("Scripts", required: false)
        </body>
        </html>
        """;

    public const string Index = """
        @{
            ViewData["Title"] = "Home page";
        }

        <div class="text-center">
            <h1 class="display-4">Welcome</h1>
        </div>
        """;

    public const string App = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <base href="/" />
            <HeadOutlet />
        </head>
        <body>
            <Routes />
            <script src="_framework/blazor.web.js"></script>
        </body>
        </html>
        """;

    public const string Routes = """
        <Router AppAssembly="typeof(Program).Assembly">
            <Found Context="routeData">
                <RouteView RouteData="routeData" DefaultLayout="typeof(Layout.MainLayout)" />
            </Found>
        </Router>
        """;

    public const string MainLayout = """
        @inherits LayoutComponentBase

        <div class="page">
            <main>
                <article class="content px-4">
                    @Body
                </article>
            </main>
        </div>
        """;

    /// <summary>An MVC app under /app with the template's _ViewStart and _Layout, plus <paramref name="files"/>.</summary>
    public static InMemoryWorkspace Mvc(params (string Path, string Text)[] files) => new(
        [("/app/Views/_ViewStart.cshtml", ViewStart), ("/app/Views/Shared/_Layout.cshtml", Layout), .. files]);

    /// <summary>A Blazor Web App under /app (Components/App.razor, Routes.razor, Layout/MainLayout.razor), plus <paramref name="files"/>.</summary>
    public static InMemoryWorkspace Blazor(params (string Path, string Text)[] files) => new(
        [("/app/Components/App.razor", App), ("/app/Components/Routes.razor", Routes), ("/app/Components/Layout/MainLayout.razor", MainLayout), .. files]);

    public static AnalysisResult Analyze(InMemoryWorkspace workspace, string path, params Rule[] rules) =>
        new AnalysisEngine(rules).Analyze(workspace.Document(path), null, workspace);

    public static ComposedDocument? Compose(InMemoryWorkspace workspace, string path) => Analyze(workspace, path).Composition?.Composed;

    /// <summary>The head model of the composed text, as the rules see it.</summary>
    public static SmoLsp.Analysis.Model.HeadModel Head(this ComposedDocument composed) =>
        SmoLsp.Analysis.Model.HeadModel.Build(SmoLsp.Analysis.Syntax.ParsedTemplate.Parse(composed.Document.Text, composed.Document.Language));

    /// <summary>The composed text with whitespace runs collapsed, for readable assertions.</summary>
    public static string Flat(this ComposedDocument composed) =>
        string.Join(' ', composed.Document.Text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
