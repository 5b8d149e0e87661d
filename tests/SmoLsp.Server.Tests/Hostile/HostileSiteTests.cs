using System.Diagnostics;
using System.Text;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Hostile;

/// <summary>
/// Sites built the way a hostile pull request would: links out of the site, FIFOs, <c>/dev/zero</c> behind a
/// configuration file's name, a web root pointing at <c>/etc</c>. Each run is bounded in time, its outcome asserted,
/// and every file it opened audited: nothing outside the repository is read, no message quotes a byte of it.
/// </summary>
public sealed class HostileSiteTests : IDisposable
{
    private const string Secret = "TOP-SECRET-0xC0FFEE";

    private readonly TempTree _tree = new();
    private readonly string _outside;

    public HostileSiteTests()
    {
        // A repository (the site's root) and, beside it, a folder the site must never read: it holds a "secret".
        _tree.Write("repo/.git/HEAD", "ref: refs/heads/main\n");
        _outside = Path.Combine(_tree.Root, "outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "shadow"), Secret + "\n");
        File.WriteAllText(Path.Combine(_outside, "page.html"), "<title>" + Secret + "</title>");
        File.WriteAllBytes(Path.Combine(_outside, "card.png"), TestImageFilesBytes());
    }

    public void Dispose() => _tree.Dispose();

    private string Repo => _tree.PathOf("repo");

    private static byte[] TestImageFilesBytes() => Images.TestImageFiles.Png(1200, 630);

    private const string ImagePage = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Widgets</title>
          <meta property="og:title" content="Acme Widgets">
          <meta property="og:image" content="https://www.example.com/x/shadow">
        </head>
        <body></body>
        </html>

        """;

    /// <summary>Runs <c>check</c> in-process on the repository, bounded in time, recording every file the session opens.</summary>
    private (CheckRun Run, List<string> Opened) Check(CheckOptions options, string? stdin = null)
    {
        var opened = new List<string>();
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var runner = new CheckRunner(stdout, stderr, SmoLsp.Rules.BuiltInRules.CreateEngine(), stdin is null ? null : new StringReader(stdin))
        {
            FileOpened = path =>
            {
                lock (opened)
                {
                    opened.Add(path);
                }
            },
            TrustedFoldersFile = null,
        };
        var task = Task.Run(() => runner.Run(options with { WorkingDirectory = options.WorkingDirectory ?? Repo }));
        task.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("check finished within its bound");
        return (new CheckRun(task.Result, stdout.ToString(), stderr.ToString()), opened);
    }

    private void NothingOutsideWasRead(CheckRun run, List<string> opened)
    {
        var repo = Path.GetFullPath(Repo);
        opened.ShouldAllBe(p => p.StartsWith(repo + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        (run.Stdout + run.Stderr).ShouldNotContain(Secret);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit(10_000).ShouldBeTrue();
        mkfifo.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void A_link_in_the_web_root_to_a_folder_outside_is_never_followed_and_the_image_message_quotes_nothing()
    {
        _tree.Write("repo/smolsp.json", """{ "siteUrl": "https://www.example.com" }""");
        _tree.Write("repo/index.html", ImagePage);
        Directory.CreateSymbolicLink(_tree.PathOf("repo/x"), _outside);

        var (run, opened) = Check(new CheckOptions { Format = ReportFormat.Json });

        NothingOutsideWasRead(run, opened);
        run.Stdout.ShouldContain("refused: it links outside the site");
    }

    [Theory]
    [InlineData("../../../etc")]
    [InlineData("/etc")]
    [InlineData("../outside")]
    public void A_web_root_outside_the_site_is_a_configuration_error(string webRoot)
    {
        _tree.Write("repo/smolsp.json", $$"""{ "siteUrl": "https://www.example.com", "webRoot": "{{webRoot}}" }""");
        _tree.Write("repo/index.html", ImagePage);

        var (run, opened) = Check(new CheckOptions());

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("'webRoot'");
        run.Stderr.ShouldContain("outside the site");
        NothingOutsideWasRead(run, opened);
    }

    [Fact]
    public void A_template_linked_to_a_file_outside_is_refused_walked_or_named()
    {
        _tree.Write("repo/index.html", Pages.Clean);
        File.CreateSymbolicLink(_tree.PathOf("repo/leak.html"), Path.Combine(_outside, "page.html"));

        var (walked, opened) = Check(new CheckOptions());
        walked.ExitCode.ShouldBe(ExitCodes.Clean);
        walked.Stderr.ShouldContain("leak.html: skipped: refused: it links outside the site");
        NothingOutsideWasRead(walked, opened);

        var (named, namedOpened) = Check(new CheckOptions { Paths = ["leak.html"] });
        named.ExitCode.ShouldBe(ExitCodes.Error); // the user asked for this file and it was not checked
        named.Stderr.ShouldContain("leak.html: error: refused: it links outside the site");
        NothingOutsideWasRead(named, namedOpened);
    }

    [Fact]
    public void A_fifo_is_never_opened_as_a_template_or_an_image()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _tree.Write("repo/smolsp.json", """{ "siteUrl": "https://www.example.com" }""");
        _tree.Write("repo/index.html", ImagePage.Replace("/x/shadow", "/card.png", StringComparison.Ordinal));
        MakeFifo(_tree.PathOf("repo/x.html"));
        MakeFifo(_tree.PathOf("repo/card.png"));

        var (walked, opened) = Check(new CheckOptions { Format = ReportFormat.Json });
        walked.Stderr.ShouldContain("x.html: skipped: refused: not a regular file");
        walked.Stdout.ShouldContain("not a regular file"); // the og:image's finding says why it could not be read
        opened.Where(p => Path.GetFileName(p) is "x.html" or "card.png").ShouldBeEmpty();

        var (named, _) = Check(new CheckOptions { Paths = ["x.html"] });
        named.ExitCode.ShouldBe(ExitCodes.Error);
        named.Stderr.ShouldContain("x.html: error: refused: not a regular file");
    }

    [Theory]
    [InlineData("smolsp.json")]
    [InlineData(".smolspignore")]
    [InlineData(".editorconfig")]
    public void A_configuration_file_linked_to_dev_zero_is_refused_at_once(string name)
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        _tree.Write("repo/index.html", Pages.Clean);
        File.CreateSymbolicLink(_tree.PathOf("repo/" + name), "/dev/zero");

        var (run, opened) = Check(new CheckOptions());

        NothingOutsideWasRead(run, opened);
        if (name == "smolsp.json")
        {
            // The configuration cannot be read: an error the user must fix, not defaults silently.
            run.ExitCode.ShouldBe(ExitCodes.Error);
            run.Stderr.ShouldContain("cannot read the configuration file: refused:");
        }
        else
        {
            run.ExitCode.ShouldBe(ExitCodes.Clean); // an ignore or editorconfig file that cannot be read sets nothing
        }
    }

    [Fact]
    public void Config_dev_zero_on_the_command_line_is_refused_not_read()
    {
        _tree.Write("repo/index.html", Pages.Clean);

        var (run, _) = Check(new CheckOptions { ConfigFile = "/dev/zero" });

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("refused: not a regular file");
    }

    [Fact]
    public void Stdin_has_the_same_cap_as_a_file()
    {
        var big = "<p>" + new string('x', 4096) + "</p>\n";
        var (run, _) = Check(new CheckOptions { Stdin = true, MaxFileBytes = 64 * 1024 }, stdin: string.Concat(Enumerable.Repeat(big, 32)));

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldBe("smolsp: error: --stdin: the input is over the 64 KB limit for one template\n");
    }

    [Fact]
    public void Pathological_ignore_and_editorconfig_globs_finish()
    {
        _tree.Write("repo/a/b/c/d/e/f/g/h/i/j/k/l/index.html", Pages.Clean);
        _tree.Write("repo/.smolspignore", string.Concat(Enumerable.Repeat("**/", 40)) + "z.html\n" + string.Concat(Enumerable.Repeat("*a", 30)) + "b\n");
        _tree.Write("repo/.editorconfig", "root = true\n[" + string.Concat(Enumerable.Repeat("*a", 30)) + "]\ndotnet_diagnostic.SMO001.severity = none\n");

        var (run, _) = Check(new CheckOptions());

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.SummaryLine.ShouldContain("1 file checked");
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_reported_as_such()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _tree.Write("repo/index.html", Pages.Clean);

        // Created by the shell in the repository: .NET cannot spell such a name.
        var shell = new ProcessStartInfo("sh", ["-c", "printf '<title>x</title>' > \"$(printf 'bad\\377.html')\""]) { WorkingDirectory = Repo };
        using (var created = Process.Start(shell)!)
        {
            created.WaitForExit(10_000).ShouldBeTrue();
        }

        var (run, _) = Check(new CheckOptions());

        run.Stderr.ShouldContain("its name is not valid UTF-8");
        run.Stderr.ShouldNotContain("no such file");
    }

    /// <summary>Where the operating system can tell, the audit is the kernel's: strace lists every file the real process opened.</summary>
    [Fact]
    public void The_real_process_opens_nothing_outside_the_repository_under_strace()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/strace"))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI installs strace: this audit must run there");
            return;
        }

        _tree.Write("repo/smolsp.json", """{ "siteUrl": "https://www.example.com" }""");
        _tree.Write("repo/index.html", ImagePage);
        Directory.CreateSymbolicLink(_tree.PathOf("repo/x"), _outside);
        File.CreateSymbolicLink(_tree.PathOf("repo/leak.html"), Path.Combine(_outside, "page.html"));
        var log = _tree.PathOf("strace.log");

        var result = SmolspProcess.Run(Repo, ["check", "--format", "json"], prefix: ["strace", "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", log]);

        result.Code.ShouldNotBe(ExitCodes.Error, result.Err);
        var opens = File.ReadAllLines(log).Where(l => l.Contains("open", StringComparison.Ordinal)).ToList();
        opens.ShouldNotBeEmpty(); // strace saw the process at all
        opens.Where(l => l.Contains(_outside, StringComparison.Ordinal) && !l.Contains("ENOENT", StringComparison.Ordinal)).ShouldBeEmpty();
        (result.Out + result.Err).ShouldNotContain(Secret);
    }

    /// <summary>Root reads anything: run as an unprivileged user to see real permission errors (skipped where that cannot be done).</summary>
    private static string[]? AsNobody() =>
        OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/setpriv")
            ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            : null;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_named_file_exits_2_with_a_plain_message()
    {
        if (AsNobody() is not { } nobody)
        {
            return;
        }

        var page = _tree.Write("repo/locked.html", Pages.Clean);
        File.SetUnixFileMode(page, UnixFileMode.None);
        OpenUp(_tree.Root);

        var result = SmolspProcess.Run(Repo, ["check", "locked.html"], prefix: nobody, timeout: TimeSpan.FromSeconds(60));

        result.Code.ShouldBe(ExitCodes.Error, result.Err);
        result.Err.ShouldContain("locked.html: error: cannot read: permission denied");
        result.Err.ShouldNotContain("_"); // no bare resource key such as UnauthorizedAccess_IODenied_Path
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_fix_that_cannot_be_written_exits_2()
    {
        if (AsNobody() is not { } nobody)
        {
            return;
        }

        var page = _tree.Write("repo/site/index.html", Pages.MissingOgTitle);
        OpenUp(_tree.Root);
        File.SetUnixFileMode(page, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        // The folder is read-only: the atomic write's temporary file cannot be created, as on a full or read-only disk.
        File.SetUnixFileMode(_tree.PathOf("repo/site"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var result = SmolspProcess.Run(Repo, ["check", "site", "--fix"], prefix: nobody, timeout: TimeSpan.FromSeconds(60));

            result.Code.ShouldBe(ExitCodes.Error, result.Err);
            result.Err.ShouldContain("site/index.html: not fixed: cannot write: permission denied");
            _tree.Read("repo/site/index.html").ShouldBe(Pages.MissingOgTitle); // nothing lost
        }
        finally
        {
            File.SetUnixFileMode(_tree.PathOf("repo/site"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Lets the unprivileged user into the test's folders (the temporary root is the test runner's).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void OpenUp(string root)
    {
        for (var dir = new DirectoryInfo(root); dir is not null && dir.FullName != Path.GetTempPath().TrimEnd('/'); dir = dir.Parent)
        {
            dir.UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }

        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
