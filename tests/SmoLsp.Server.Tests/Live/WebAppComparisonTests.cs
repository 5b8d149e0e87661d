using System.Diagnostics;
using System.Text.RegularExpressions;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site.Web;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Live;

/// <summary>Runs only with <c>SMOLSP_WEBAPP_TEST=1</c>: it creates, builds and runs an ASP.NET Core app (a minute of CPU).</summary>
public sealed class WebAppFactAttribute : FactAttribute
{
    public WebAppFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SMOLSP_WEBAPP_TEST") != "1")
        {
            Skip = "set SMOLSP_WEBAPP_TEST=1 to create, build and run a `dotnet new webapp` app (needs the SDK's templates, works offline)";
        }
    }
}

/// <summary>
/// A Razor Pages app as `dotnet new webapp` makes it, run with `dotnet run`: crawling it reports, page for page, the
/// rules that `smolsp check` reports on its templates — the page's own findings plus its layout's, which the files
/// report once on _Layout.cshtml and the served pages each carry.
/// </summary>
public sealed partial class WebAppComparisonTests : IDisposable
{
    private readonly TempTree _tree = new();
    private Process? _app;

    [WebAppFact(Timeout = 600_000)]
    public async Task A_crawl_of_the_running_app_reports_what_its_templates_report()
    {
        var app = _tree.PathOf("LiveApp");
        (await RunAsync("dotnet", ["new", "webapp", "-n", "LiveApp", "-o", app])).ShouldBe(0);
        (await RunAsync("dotnet", ["build", app, "-c", "Release"])).ShouldBe(0);
        var origin = await StartAsync(app);

        var files = LiveRun.Check(app, new CheckOptions { Paths = ["."], Format = ReportFormat.Json });
        var live = LiveRun.Check(app, new CheckOptions { Paths = [origin + "/"], Format = ReportFormat.Json }, new WebOptions { Crawl = true });

        var fromFiles = LiveRun.Findings(files).ToLookup(f => f.Path, f => f.Rule);
        var layout = fromFiles["Pages/Shared/_Layout.cshtml"].ToList();
        layout.ShouldNotBeEmpty();
        var pages = LiveRun.Files(live);
        pages.ShouldBe([origin + "/", origin + "/Privacy"], ignoreOrder: true);
        foreach (var page in pages)
        {
            var name = page[(origin.Length + 1)..] is { Length: > 0 } n ? n : "Index";
            var expected = fromFiles[$"Pages/{name}.cshtml"].Concat(layout).Order(StringComparer.Ordinal);
            LiveRun.Findings(live).Where(f => f.Path == page).Select(f => f.Rule).Order(StringComparer.Ordinal).ShouldBe(expected, $"{page} against Pages/{name}.cshtml + _Layout.cshtml");
        }
    }

    private static async Task<int> RunAsync(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(await output + await error);
        }

        return process.ExitCode;
    }

    /// <summary>`dotnet run` on a free loopback port; the origin from Kestrel's "Now listening on" line.</summary>
    private async Task<string> StartAsync(string app)
    {
        _app = Process.Start(new ProcessStartInfo("dotnet", ["run", "--project", app, "--no-build", "-c", "Release", "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        while (await _app.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("the app ended before listening: " + await _app.StandardError.ReadToEndAsync());
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public void Dispose()
    {
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            _app.WaitForExit();
        }

        _app?.Dispose();
        _tree.Dispose();
    }
}
