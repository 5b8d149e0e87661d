using System.Text;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>Whatever is on disk, check gives a clear message or a normal result: never a stack trace, a hang or a crash.</summary>
public sealed class CheckBadInputTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Empty_and_whitespace_files_are_normal_results()
    {
        _tree.Write("empty.html", string.Empty);
        _tree.Write("blank.cshtml", " \r\n\t\n");
        _tree.Write("empty.razor", string.Empty);

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.SummaryLine.ShouldStartWith("No problems; 3 files checked");
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void A_binary_file_is_skipped_and_reported()
    {
        _tree.WriteBytes("logo.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        _tree.Write("index.html", Pages.Clean);

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldBe("logo.html: skipped: binary file (contains NUL bytes)\n");
        run.SummaryLine.ShouldContain("1 file checked, 1 skipped");
    }

    [Fact]
    public void Invalid_utf8_is_read_as_latin1_and_analyzed()
    {
        var bytes = Encoding.Latin1.GetBytes(Pages.MissingOgTitle.Replace("Acme Widgets", "Caf\u00e9 \u00e0 la carte", StringComparison.Ordinal));
        _tree.WriteBytes("latin1.html", bytes);

        var run = CheckRun.Check(_tree);

        run.ProblemLines.Single().ShouldStartWith("latin1.html:5:1: warning SMO001");
        run.Stderr.ShouldBe("latin1.html: note: not valid UTF-8; read as Latin-1\n");
    }

    [Fact]
    public void A_file_over_the_size_cap_is_skipped_and_reported()
    {
        _tree.Write("huge.html", Pages.MissingOgTitle + new string(' ', 4096));
        _tree.Write("small.html", Pages.Clean);

        var run = CheckRun.Check(_tree, new CheckOptions { MaxFileBytes = 4096 });

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldStartWith("huge.html: skipped: ");
        run.Stderr.ShouldContain("over the 4 KB limit");
        run.SummaryLine.ShouldContain("1 file checked, 1 skipped");
    }

    [Fact]
    public void A_file_over_the_default_size_cap_is_skipped_without_being_read()
    {
        // Sparse: the size is checked before a byte is read, so this costs no disk and no memory.
        using (var stream = File.Create(_tree.PathOf("dump.html")))
        {
            stream.SetLength(TemplateFile.DefaultMaxBytes + 1);
        }

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldBe("dump.html: skipped: 16777217 bytes is over the 16 MB limit for one template\n");
        run.SummaryLine.ShouldContain("0 files checked, 1 skipped");
    }

    [Fact]
    public void A_large_template_under_the_cap_is_analyzed()
    {
        var body = string.Concat(Enumerable.Repeat("<div class=\"row\"><p>Lorem ipsum dolor sit amet</p><a href=\"/x\">x</a></div>\n", 150_000));
        _tree.Write("big.html", Pages.MissingOgTitle.Replace("<body>", "<body>" + body, StringComparison.Ordinal));

        var run = CheckRun.Check(_tree);

        run.ProblemLines.Single().ShouldStartWith("big.html:5:1: warning SMO001");
    }

    [Fact]
    public void Deeply_nested_elements_are_a_normal_result()
    {
        var sb = new StringBuilder("<!doctype html><html><head><title>Deep</title></head><body>");
        sb.Insert(sb.Length, "<div>", 100_000);
        sb.Append('x');
        sb.Insert(sb.Length, "</div>", 100_000);
        sb.Append("</body></html>");
        _tree.Write("deep.html", sb.ToString());

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.ProblemLines.Single().ShouldStartWith("deep.html:1:47: warning SMO001");
    }

    [Fact]
    public void Unclosed_tags_and_stray_angle_brackets_are_a_normal_result()
    {
        _tree.Write("broken.html", "<html><head><title>a < b <meta property=\"og:title\" content=\"x\n<div <p>< / <<<>>> <!-- never closed");
        _tree.Write("broken.cshtml", "@{ var x = \"<head>\"; \n<html><head><title>@ViewData[\"Title\"</title>@if (x) { <meta");
        _tree.Write("broken.razor", "@code { void M() { \"unterminated } <PageTitle>");

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldBeEmpty();
        run.SummaryLine.ShouldContain("3 files checked");
    }

    [Fact]
    public void Byte_order_marks_are_decoded()
    {
        _tree.WriteBytes("utf8bom.html", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Pages.MissingOgTitle)]);
        _tree.WriteBytes("utf16.html", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Pages.MissingOgTitle)]);

        var run = CheckRun.Check(_tree);

        run.ProblemLines.Select(l => l[..l.IndexOf(" SMO", StringComparison.Ordinal)]).ShouldBe(["utf16.html:5:1: warning", "utf8bom.html:5:1: warning"]);
        run.Stderr.ShouldBeEmpty();
    }
}
