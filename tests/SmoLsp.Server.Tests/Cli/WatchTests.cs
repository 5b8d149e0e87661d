using System.Diagnostics;
using System.Text;
using SmoLsp.Analysis.Engine;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Lsp;
using SmoLsp.Server.Site;
using static SmoLsp.Server.Tests.Lsp.WorkspaceTesting;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>A writer tests can read while another thread writes to it.</summary>
public sealed class ObservedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    /// <summary>Waits until the text from <paramref name="from"/> on satisfies <paramref name="done"/>; returns that part.</summary>
    public async Task<string> WaitForAsync(int from, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var text = Text[from..];
            if (done(text))
            {
                return text;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("output so far:\n" + Text);
            }

            await Task.Delay(20);
        }
    }
}

/// <summary><c>smolsp check --watch</c>: edits on disk, read back as new (+) and resolved (-) problems.</summary>
public sealed class WatchTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly ObservedWriter _stdout = new();
    private readonly ObservedWriter _stderr = new();
    private readonly CancellationTokenSource _stop = new();
    private int _batches;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _tree.Dispose();
    }

    private Task<int> Start(AnalysisEngine engine, params string[] paths)
    {
        var runner = new WatchRunner(_stdout, _stderr, engine) { Debounce = TimeSpan.FromMilliseconds(50) };
        runner.BatchDone += _ => Interlocked.Increment(ref _batches);
        var options = new CheckOptions { Paths = paths.Length > 0 ? paths : ["."], WorkingDirectory = _tree.Root };
        return Task.Run(() => runner.Run(options, _stop.Token));
    }

    /// <summary>Writes, then waits for the batch the write causes (by its output, or by the batch count when nothing should print).</summary>
    private async Task<string> ChangeAsync(Action change, bool expectOutput = true)
    {
        var mark = _stdout.Text.Length;
        var batches = Volatile.Read(ref _batches);
        change();
        if (expectOutput)
        {
            return await _stdout.WaitForAsync(mark, t => t.Contains(" resolved: ", StringComparison.Ordinal));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Volatile.Read(ref _batches) == batches && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Volatile.Read(ref _batches).ShouldBeGreaterThan(batches);
        return _stdout.Text[mark..];
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Prints_the_problems_once_then_only_what_each_edit_adds_or_resolves_and_stops_cleanly()
    {
        _tree.Write("index.html", Html("Home"));
        _tree.Write("about.html", Html("About", ogTitle: true));
        _tree.Write("node_modules/pkg/demo.html", Html("Demo"));
        var run = Start(CheckRun.SingleRuleEngine);

        var first = Lines(await _stdout.WaitForAsync(0, t => t.Contains("Press Ctrl+C", StringComparison.Ordinal)));
        first.Length.ShouldBe(2);
        first[0].ShouldStartWith("+ index.html:5:1: warning SMO001 ");
        first[1].ShouldBe("Watching 2 files: 1 problem (1 warning) in 1 file. Press Ctrl+C to stop.");

        var broke = Lines(await ChangeAsync(() => _tree.Write("about.html", Html("About"))));
        broke.Length.ShouldBe(2);
        broke[0].ShouldStartWith("+ about.html:5:1: warning SMO001 ");
        broke[1].ShouldBe("1 new, 0 resolved: 2 problems (2 warnings) in 2 files.");

        var fixedIndex = Lines(await ChangeAsync(() => _tree.Write("index.html", Html("Home", ogTitle: true))));
        fixedIndex[0].ShouldStartWith("- index.html:5:1: warning SMO001 ");
        fixedIndex[1].ShouldBe("0 new, 1 resolved: 1 problem (1 warning) in 1 file.");

        // The problem only moves: nothing to say.
        (await ChangeAsync(() => _tree.Write("about.html", "\n\n" + Html("About")), expectOutput: false)).ShouldBeEmpty();

        var created = Lines(await ChangeAsync(() => _tree.Write("blog/post.html", Html("Post"))));
        created[0].ShouldStartWith("+ blog/post.html:5:1: warning SMO001 ");

        var deleted = Lines(await ChangeAsync(() => File.Delete(_tree.PathOf("about.html"))));
        deleted[0].ShouldStartWith("- about.html:7:1: warning SMO001 ");
        deleted[1].ShouldBe("0 new, 1 resolved: 1 problem (1 warning) in 1 file.");

        _stop.Cancel();
        (await run.WaitAsync(TimeSpan.FromSeconds(20))).ShouldBe(ExitCodes.Clean);
        _stderr.Text.ShouldBe("smolsp: stopped watching\n");
    }

    [Fact]
    public async Task A_layout_change_re_checks_only_the_pages_that_read_it()
    {
        var layout = _tree.Write("Views/A/_Layout.cshtml", "<html><head><title>One</title></head></html>");
        _tree.Write("Views/A/Page.cshtml", "<h1>A</h1>");
        var other = _tree.Write("Views/B/Other.cshtml", "<h1>B</h1>");
        var probe = new LayoutProbeRule();
        var run = Start(new AnalysisEngine([probe]));
        await _stdout.WaitForAsync(0, t => t.Contains("Press Ctrl+C", StringComparison.Ordinal));
        var otherRuns = probe.RunsOf(other);

        var changed = Lines(await ChangeAsync(() => File.WriteAllText(layout, "<html><head><title>Two</title></head></html>")));
        changed.ShouldBe([
            "+ Views/A/Page.cshtml:1:1: warning SMO996 Layout title: Two",
            "- Views/A/Page.cshtml:1:1: warning SMO996 Layout title: One",
            "1 new, 1 resolved: 2 problems (2 warnings) in 2 files.",
        ]);
        probe.RunsOf(other).ShouldBe(otherRuns);

        // A layout appears where a page looked for one.
        var created = Lines(await ChangeAsync(() => _tree.Write("Views/B/_Layout.cshtml", "<html><head><title>Bee</title></head></html>")));
        created.ShouldContain("+ Views/B/Other.cshtml:1:1: warning SMO996 Layout title: Bee");
        _stop.Cancel();
        (await run).ShouldBe(ExitCodes.Clean);
    }

    [Fact]
    public async Task Site_wide_problems_name_the_other_pages_and_resolve_when_one_page_changes()
    {
        _tree.Write("a.html", Html("Acme Widgets"));
        var b = _tree.Write("b.html", Html("Acme Widgets"));
        var run = Start(new AnalysisEngine(SmoLsp.Rules.BuiltInRules.All.Where(r => r.Descriptor.Id is "SMO210" or "SMO211")));
        var first = Lines(await _stdout.WaitForAsync(0, t => t.Contains("Press Ctrl+C", StringComparison.Ordinal)));
        first[0].ShouldStartWith("+ a.html:4:3: warning SMO210 The title \"Acme Widgets\" is also the title of ");
        first[0].ShouldContain("is also the title of b.html:"); // the core's message names the other page, as in check and the editor
        first[1].ShouldStartWith("+ b.html:4:3: warning SMO210 ");

        var changed = Lines(await ChangeAsync(() => File.WriteAllText(b, Html("Acme Gadgets"))));
        changed.Length.ShouldBe(3);
        changed[0].ShouldStartWith("- a.html:4:3: warning SMO210 ");
        changed[1].ShouldStartWith("- b.html:4:3: warning SMO210 ");
        changed[2].ShouldBe("0 new, 2 resolved: no problems.");
        _stop.Cancel();
        (await run).ShouldBe(ExitCodes.Clean);
    }

    [Fact]
    public void Watch_refuses_fix_and_json()
    {
        _tree.Write("index.html", Html("Home"));
        var fix = CheckRun.Cli("check", "--watch", "--fix", _tree.Root);
        fix.ExitCode.ShouldBe(ExitCodes.Error);
        fix.Stderr.ShouldBe("smolsp: error: --watch cannot be combined with --fix\n");
        var json = CheckRun.Cli("check", "--watch", "--format", "json", _tree.Root);
        json.ExitCode.ShouldBe(ExitCodes.Error);
        json.Stderr.ShouldContain("--watch prints text only");
    }

    [Fact]
    public async Task The_real_process_exits_0_on_sigterm()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _tree.Write("index.html", Html("Home"));
        var dll = Path.Combine(AppContext.BaseDirectory, "smolsp.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = _tree.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "check", "--watch" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.Append(e.Data).Append('\n');
            }

            if (e.Data?.Contains("Press Ctrl+C", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            process.ExitCode.ShouldBe(ExitCodes.Clean);
            (await stderr).ShouldBe("smolsp: stopped watching\n");
            lock (stdout)
            {
                stdout.ToString().ShouldContain("+ index.html:5:1: warning SMO001 ");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
