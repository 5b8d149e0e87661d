using System.Text.Json;
using System.Text.RegularExpressions;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Images;

namespace SmoLsp.Server.Tests.Cli;

/// <summary><c>--format html</c>: one self-contained page with every page's cards and problems (the browser test in tests/ui draws it).</summary>
public sealed partial class HtmlReportTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private const string Index = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Widgets: sturdy hand-made widgets</title>
          <meta property="og:image" content="/img/card.png">
          <meta name="twitter:image" content="/img/big.jpg">
        </head>
        </html>

        """;

    [GeneratedRegex("<script type=\"application/json\" class=\"card-data\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex CardData();

    private CheckRun Run(params ReportTarget[] reports) =>
        CheckRun.Check(_tree, new CheckOptions { Reports = reports }, engine: CheckRun.EngineWith("SMO001", "SMO002"));

    [Fact]
    public void Writes_one_page_with_each_files_cards_problems_and_the_renderer_inlined()
    {
        // smolsp.json marks the site's root: the web root that /img/... resolves under.
        _tree.Write("smolsp.json", "{}");
        _tree.Write("index.html", Index);
        _tree.Write("partials/nav.html", "<nav><a href=\"/\">Home</a></nav>\n");
        _tree.WriteBytes("img/card.png", TestImageFiles.Png(1200, 630));
        _tree.WriteBytes("img/big.jpg", TestImageFiles.Jpeg(1600, 800, padding: HtmlReportWriter.InlineLimit + 10));

        var run = Run(new ReportTarget(ReportFormat.Html, "out/report.html"));

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        var html = _tree.Read("out/report.html");
        html.ShouldStartWith("<!doctype html>");
        html.ShouldContain("Content-Security-Policy");
        html.ShouldContain("SmolspCards.render");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("<script src");
        html.ShouldContain("data-path=\"index.html\"");
        html.ShouldContain("data-rules=\"SMO001 SMO002\"");
        html.ShouldContain(">SMO001</a>");
        html.ShouldContain("data-path=\"partials/nav.html\"");

        // One card block (the partial has none); the small PNG is inlined, the large JPEG copied beside the report.
        var cards = CardData().Matches(html).Select(m => JsonDocument.Parse(m.Groups["json"].Value).RootElement).ToList();
        cards.Count.ShouldBe(1);
        var platforms = cards[0].GetProperty("platforms").EnumerateArray().ToList();
        var facebook = platforms.Single(p => p.GetProperty("id").GetString() == "facebook");
        facebook.GetProperty("image").GetProperty("src").GetString().ShouldStartWith("data:image/png;base64,");
        facebook.GetProperty("title").GetProperty("value").GetProperty("source").GetProperty("location").GetProperty("uri").GetString().ShouldBe("index.html");
        var x = platforms.Single(p => p.GetProperty("id").GetString() == "x-large");
        var copied = x.GetProperty("image").GetProperty("src").GetString()!;
        copied.ShouldStartWith("report-images/");
        File.Exists(Path.Combine(_tree.PathOf("out"), Uri.UnescapeDataString(copied))).ShouldBeTrue();
    }

    [Fact]
    public void Html_is_escaped_and_the_json_cannot_close_its_script()
    {
        _tree.Write("evil.html", "<html><head><title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; Acme</title></head></html>\n");

        var run = Run(new ReportTarget(ReportFormat.Html));

        run.Stdout.ShouldNotContain("</script><img");
        run.Stdout.ShouldNotContain("<img src=x");
        CardData().Count(run.Stdout).ShouldBe(1);
    }

    [Fact]
    public void Is_a_format_the_command_line_accepts()
    {
        ReportTarget.TryParse("html=report.html", out var target).ShouldBeTrue();
        target.Format.ShouldBe(ReportFormat.Html);
        target.File.ShouldBe("report.html");
    }
}
