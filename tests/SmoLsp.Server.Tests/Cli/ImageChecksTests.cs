using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Images;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>
/// <c>smolsp check</c> on a real site folder: share images are found under <c>wwwroot</c>, their headers read from
/// disk, and <c>--fix</c> writes the real size into the page.
/// </summary>
public sealed class ImageChecksTests : IDisposable
{
    private const string Page = """
        <!doctype html>
        <html>
        <head>
          <title>Blue widgets, hand-made in Leeds</title>
          <meta property="og:image" content="https://www.acme.test/img/card.png?v=2">
          <meta property="og:image:alt" content="A blue widget">
          <meta property="og:image" content="/img/tiny.png">
          <meta property="og:image:width" content="150">
          <meta property="og:image:height" content="150">
          <meta property="og:image:alt" content="The logo">
          <meta name="twitter:image" content="/img/missing.png">
        </head>
        <body><h1>Widgets</h1></body>
        </html>

        """;

    private readonly TempTree _tree = new();

    public ImageChecksTests()
    {
        _tree.Write("smolsp.json", """{ "siteUrl": "https://acme.test" }""");
        _tree.WriteBytes("wwwroot/img/card.png", TestImageFiles.Png(1200, 630));
        _tree.WriteBytes("wwwroot/img/tiny.png", TestImageFiles.Png(150, 150));
        _tree.Write("wwwroot/index.html", Page);
    }

    public void Dispose() => _tree.Dispose();

    private CheckRun Check(CheckOptions options, bool wholeCatalog = false)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        // The image rules only: the rest of the catalog has its own tests, and would make the expected output drift.
        var engine = wholeCatalog ? null : new AnalysisEngine(BuiltInRules.All.Where(r => r.Descriptor.Id.StartsWith("SMO40", StringComparison.Ordinal)));
        var code = new CheckRunner(stdout, stderr, engine).Run(options with { WorkingDirectory = options.WorkingDirectory ?? _tree.Root });
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Reports_real_image_facts_from_the_web_root()
    {
        var run = Check(new CheckOptions());

        run.Stderr.ShouldBeEmpty();
        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.ProblemLines.ShouldBe(
        [
            "wwwroot/index.html:5:3: info SMO402 og:image has no og:image:width and og:image:height: the first share of this page shows no image until Facebook has fetched it; wwwroot/img/card.png is 1200x630 pixels",
            "wwwroot/index.html:7:38: error SMO404 og:image '/img/tiny.png': wwwroot/img/tiny.png is 150x150 pixels, below Facebook's minimum of 200x200: the Sharing Debugger rejects it",
            "wwwroot/index.html:7:38: info SMO405 og:image '/img/tiny.png': wwwroot/img/tiny.png is 150x150 pixels (1:1); Facebook and LinkedIn show 1.91:1 and crop the rest",
            "wwwroot/index.html:11:39: error SMO408 twitter:image '/img/missing.png': there is no file wwwroot/img/missing.png; share cards will show no image",
        ]);
    }

    [Fact]
    public void Fix_writes_the_real_size_after_the_og_image()
    {
        var run = Check(new CheckOptions { Fix = true });

        run.Stderr.ShouldBeEmpty();
        run.Stdout.ShouldContain("Fixed 1 problem in 1 file.");
        _tree.Read("wwwroot/index.html").ShouldBe(Page.Replace(
            """
              <meta property="og:image" content="https://www.acme.test/img/card.png?v=2">

            """,
            """
              <meta property="og:image" content="https://www.acme.test/img/card.png?v=2">
              <meta property="og:image:width" content="1200">
              <meta property="og:image:height" content="630">

            """,
            StringComparison.Ordinal));
        run.ProblemLines.ShouldNotContain(l => l.Contains("SMO402", StringComparison.Ordinal));
        run.ProblemLines.ShouldContain(l => l.Contains("SMO408", StringComparison.Ordinal), "what needs a person stays reported");

        Check(new CheckOptions { Fix = true }).Stdout.ShouldNotContain("Fixed");
    }

    [Fact]
    public void A_configured_web_root_replaces_wwwroot()
    {
        _tree.WriteBytes("public/img/missing.png", TestImageFiles.Png(1200, 630));
        _tree.Write("smolsp.json", """{ "siteUrl": "https://acme.test", "webRoot": "public" }""");

        var run = Check(new CheckOptions());

        run.ProblemLines.ShouldContain(l => l.Contains("SMO408 og:image 'https://www.acme.test/img/card.png?v=2': there is no file public/img/card.png", StringComparison.Ordinal));
        run.ProblemLines.ShouldNotContain(l => l.Contains("missing.png", StringComparison.Ordinal));
    }

    [Fact]
    public void The_mvc_example_shows_its_share_image_findings()
    {
        var repository = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repository, "SmoLsp.sln")))
        {
            repository = Path.GetDirectoryName(repository.TrimEnd(Path.DirectorySeparatorChar))!;
        }

        // The whole catalog: the examples' smolsp.json configures other rules, which a partial engine rejects as unknown.
        var run = Check(new CheckOptions { Paths = ["examples/mvc"], WorkingDirectory = repository }, wholeCatalog: true);

        run.Stderr.ShouldBeEmpty();
        run.ProblemLines.ShouldContain(l => l.StartsWith("examples/mvc/Views/Shared/_Layout.cshtml:", StringComparison.Ordinal) && l.Contains("info SMO402 ", StringComparison.Ordinal) && l.Contains("wwwroot/img/share-card.png is 1200x630 pixels", StringComparison.Ordinal));
        run.ProblemLines.ShouldContain(l => l.StartsWith("examples/mvc/Views/Products/Widget.cshtml:", StringComparison.Ordinal) && l.Contains("error SMO404 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_image_gets_a_diagnostic_not_a_crash()
    {
        _tree.WriteBytes("wwwroot/img/card.png", TestImageFiles.Png(1200, 630)[..20]);

        var run = Check(new CheckOptions());

        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.ProblemLines.ShouldContain("wwwroot/index.html:5:38: warning SMO404 og:image 'https://www.acme.test/img/card.png?v=2': the size of wwwroot/img/card.png cannot be read (header truncated: the file ends before the IHDR chunk's size fields)");
    }
}
