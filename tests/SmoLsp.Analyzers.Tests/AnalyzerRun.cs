using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Analyzers.Tests;

/// <summary>
/// Compiles a project in memory the way <c>dotnet build</c> hands it to the analyzer: a C# file, the templates and
/// settings files as AdditionalFiles, and the two build properties the package's props make visible. Files are given
/// by path relative to the project folder; their text may carry test markup (<c>{|SMO001:...|}</c>), which
/// <see cref="Verify"/> compares with what the analyzer reports.
/// </summary>
internal sealed class AnalyzerRun
{
    public const string Root = "/repo";
    public const string ProjectFolder = Root + "/app";

    private readonly List<(string Path, string Text, List<(string Id, SmoLsp.Analysis.Text.TextSpan Span)> Expected)> _files = [];
    private readonly Dictionary<string, ReportDiagnostic> _buildOptions = new(StringComparer.Ordinal);

    public AnalyzerRun File(string relativePath, string markup)
    {
        var (text, expected) = TestMarkup.Parse(markup, "SMO000");
        _files.Add((Path.GetFullPath(Path.Combine(ProjectFolder, relativePath)), text, expected));
        return this;
    }

    /// <summary>NoWarn / WarningsAsErrors / .globalconfig: what the compiler applies over the analyzer's severities.</summary>
    public AnalyzerRun BuildOption(string id, ReportDiagnostic report)
    {
        _buildOptions[id] = report;
        return this;
    }

    public async Task<ImmutableArray<Diagnostic>> RunAsync()
    {
        var compilation = CSharpCompilation.Create(
            "app",
            [CSharpSyntaxTree.ParseText("namespace App { internal static class Program { } }", path: ProjectFolder + "/Program.cs")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, specificDiagnosticOptions: _buildOptions));
        var additional = _files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        var options = new AnalyzerOptions(additional, new BuildProperties(new Dictionary<string, string>
        {
            ["build_property.MSBuildProjectFullPath"] = ProjectFolder + "/app.csproj",
            ["build_property.SmoLspRoot"] = Root,
        }));
        var diagnostics = await compilation.WithAnalyzers([new SmoLspAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        diagnostics.Where(d => d.Id == "AD0001").ShouldBeEmpty(string.Join("\n", diagnostics.Select(d => d.GetMessage())));
        return diagnostics;
    }

    /// <summary>
    /// Runs and checks that the reported (file, id, span) set is exactly the one the markup says — for the rules in
    /// <paramref name="only"/> when given (a test about one rule need not mark every other finding of its pages).
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> Verify(params string[] only)
    {
        var diagnostics = await RunAsync();
        bool Wanted(string id) => only.Length == 0 || only.Contains(id);
        var actual = diagnostics
            .Where(d => Wanted(d.Id))
            .Select(d => $"{Relative(d.Location.GetLineSpan().Path)} {d.Id} {d.Location.SourceSpan.Start}..{d.Location.SourceSpan.End}")
            .Order(StringComparer.Ordinal).ToList();
        var expected = _files
            .SelectMany(f => f.Expected.Where(e => Wanted(e.Id)).Select(e => $"{Relative(f.Path)} {e.Id} {e.Span.Start}..{e.Span.End}"))
            .Order(StringComparer.Ordinal).ToList();
        actual.ShouldBe(expected);
        return diagnostics;
    }

    private static string Relative(string path) => Path.GetRelativePath(ProjectFolder, path).Replace('\\', '/');

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class BuildProperties(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
