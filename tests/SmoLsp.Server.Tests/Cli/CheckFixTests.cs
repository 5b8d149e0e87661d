using System.Text;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Cli;

public sealed class CheckFixTests : IDisposable
{
    private const string Fixed = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Widgets</title>
          <meta property="og:title" content="Acme Widgets">
        </head>
        <body><h1>Widgets</h1></body>
        </html>

        """;

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private CheckRun Fix(params string[] paths) => CheckRun.Check(_tree, new CheckOptions { Fix = true, Paths = paths });

    [Fact]
    public void Fix_applies_safe_fixes_and_reports_what_is_left()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);
        _tree.Write("clean.html", Pages.Clean);

        var run = Fix();

        _tree.Read("index.html").ShouldBe(Fixed);
        _tree.Read("clean.html").ShouldBe(Pages.Clean);
        run.ProblemLines.ShouldBeEmpty();
        run.Stdout.ShouldStartWith("Fixed 1 problem in 1 file.\nNo problems; 2 files checked");
        run.ExitCode.ShouldBe(ExitCodes.Clean);
    }

    [Fact]
    public void Fixing_a_fixed_tree_changes_nothing()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);
        _tree.Write("b/c.html", Pages.MissingOgTitle.Replace("\n", "\r\n", StringComparison.Ordinal));
        Fix();
        var once = new[] { _tree.ReadBytes("a.html"), _tree.ReadBytes("b/c.html") };
        var times = new[] { File.GetLastWriteTimeUtc(_tree.PathOf("a.html")), File.GetLastWriteTimeUtc(_tree.PathOf("b/c.html")) };

        var again = Fix();

        again.Stdout.ShouldNotContain("Fixed");
        _tree.ReadBytes("a.html").ShouldBe(once[0]);
        _tree.ReadBytes("b/c.html").ShouldBe(once[1]);
        File.GetLastWriteTimeUtc(_tree.PathOf("a.html")).ShouldBe(times[0]);
        File.GetLastWriteTimeUtc(_tree.PathOf("b/c.html")).ShouldBe(times[1]);
    }

    [Fact]
    public void Fix_keeps_a_utf8_bom()
    {
        _tree.WriteBytes("bom.html", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Pages.MissingOgTitle)]);

        Fix();

        _tree.ReadBytes("bom.html").ShouldBe([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Fixed)]);
    }

    [Fact]
    public void Fix_keeps_utf16_with_its_bom()
    {
        _tree.WriteBytes("wide.html", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Pages.MissingOgTitle)]);

        Fix();

        _tree.ReadBytes("wide.html").ShouldBe([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Fixed)]);
    }

    [Fact]
    public void Fix_keeps_crlf_line_endings()
    {
        _tree.Write("crlf.html", Pages.MissingOgTitle.Replace("\n", "\r\n", StringComparison.Ordinal));

        Fix();

        _tree.Read("crlf.html").ShouldBe(Fixed.Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Fix_keeps_a_missing_final_newline()
    {
        _tree.Write("nonl.html", Pages.MissingOgTitle.TrimEnd('\n'));

        Fix();

        _tree.Read("nonl.html").ShouldBe(Fixed.TrimEnd('\n'));
    }

    [Fact]
    public void Fix_keeps_non_ascii_text_intact()
    {
        var page = Pages.MissingOgTitle.Replace("Acme Widgets", "Caf\u00e9 \u2014 \U0001F600", StringComparison.Ordinal);
        _tree.Write("utf8.html", page);

        Fix();

        _tree.Read("utf8.html").ShouldBe(Fixed.Replace("Acme Widgets", "Caf\u00e9 \u2014 \U0001F600", StringComparison.Ordinal));
    }

    [Fact]
    public void Fix_keeps_unix_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _tree.Write("script.html", Pages.MissingOgTitle);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        Fix();

        _tree.Read("script.html").ShouldBe(Fixed);
        File.GetUnixFileMode(path).ShouldBe(mode);
    }

    [Fact]
    public void Fix_leaves_no_temporary_files()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);

        Fix();

        Directory.GetFiles(_tree.Root).Select(Path.GetFileName).ShouldBe(["a.html"]);
    }

    [Fact]
    public void Fix_skips_and_reports_read_only_files()
    {
        var path = _tree.Write("ro.html", Pages.MissingOgTitle);
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var run = Fix();

        _tree.Read("ro.html").ShouldBe(Pages.MissingOgTitle);
        run.Stderr.ShouldBe("ro.html: not fixed: the file is read-only\n");
        run.ProblemLines.Single().ShouldStartWith("ro.html:5:1: warning SMO001");
    }

    [Fact]
    public void Fix_skips_and_reports_files_that_are_not_utf8()
    {
        var bytes = Encoding.Latin1.GetBytes(Pages.MissingOgTitle.Replace("Acme", "Caf\u00e9", StringComparison.Ordinal));
        _tree.WriteBytes("latin1.html", bytes);

        var run = Fix();

        _tree.ReadBytes("latin1.html").ShouldBe(bytes);
        run.Stderr.ShouldContain("latin1.html: not fixed: the file is not valid UTF-8");
        run.ProblemLines.Single().ShouldStartWith("latin1.html:5:1: warning SMO001");
    }

    [Fact]
    public void Fix_reports_problems_without_a_safe_fix_as_left()
    {
        // No <title>: SMO001's only fix is a placeholder suggestion, which --fix never applies.
        _tree.Write("untitled.html", "<html>\n<head>\n</head>\n</html>\n");

        var run = Fix();

        _tree.Read("untitled.html").ShouldBe("<html>\n<head>\n</head>\n</html>\n");
        run.ProblemLines.Single().ShouldStartWith("untitled.html:3:1: warning SMO001");
        run.Stdout.ShouldNotContain("Fixed");
    }

    [Fact]
    public void A_file_changed_on_disk_since_it_was_read_is_not_overwritten()
    {
        var path = _tree.Write("page.html", "before");
        var original = File.ReadAllBytes(path);
        var time = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, "edited by someone else");

        var result = AtomicFile.ReplaceIfUnchanged(path, original, time, "ours"u8);

        result.Status.ShouldBe(ReplaceStatus.Changed);
        File.ReadAllText(path).ShouldBe("edited by someone else");
    }

    [Fact]
    public void A_same_length_edit_within_the_clock_resolution_is_still_detected()
    {
        var path = _tree.Write("page.html", "aaaa");
        var time = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, "bbbb");
        File.SetLastWriteTimeUtc(path, time);

        AtomicFile.ReplaceIfUnchanged(path, "aaaa"u8, time, "cccc"u8).Status.ShouldBe(ReplaceStatus.Changed);
        File.ReadAllText(path).ShouldBe("bbbb");
    }

    [Fact]
    public void Replacing_through_a_symbolic_link_writes_the_target_and_keeps_the_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var target = _tree.Write("real/page.html", Pages.MissingOgTitle);
        var link = _tree.PathOf("link.html");
        File.CreateSymbolicLink(link, target);

        Fix("link.html");

        File.ReadAllText(target).ShouldBe(Fixed);
        new FileInfo(link).LinkTarget.ShouldBe(target);
    }

    [Fact]
    public void Fix_with_json_output_keeps_stdout_pure_json()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree, new CheckOptions { Fix = true, Format = ReportFormat.Json });

        run.Json.GetArrayLength().ShouldBe(1);
        run.Stderr.ShouldBe("smolsp: fixed 1 problem(s) in 1 file(s)\n");
    }
}
