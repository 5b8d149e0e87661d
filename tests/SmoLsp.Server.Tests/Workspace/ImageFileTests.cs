using SmoLsp.Analysis.Workspace;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Site;

// Not "...Tests.Workspace": that namespace would shadow SmoLsp.Server.Workspace in the Cli tests.
namespace SmoLsp.Server.Tests.Images;

public sealed class ImageFileTests
{
    /// <summary>Images are read through the site's access policy, rooted at the test's folder.</summary>
    private static FileAccessPolicy Files(TempTree tree) => new([tree.Root]);

    [Fact]
    public void Reads_a_real_png_from_disk()
    {
        using var tree = new TempTree();
        var bytes = TestImageFiles.Png(1200, 630);
        var path = tree.WriteBytes("wwwroot/img/card.png", bytes);

        var facts = ImageFile.Read(Files(tree), path);

        facts.ShouldBe(new ImageFacts(path, bytes.Length, ImageFormat.Png, 1200, 630, false, null));
    }

    [Fact]
    public void Reads_only_the_head_of_a_large_file_yet_reports_its_full_length()
    {
        using var tree = new TempTree();
        var bytes = TestImageFiles.Jpeg(4000, 3000, padding: 600_000);
        var path = tree.WriteBytes("big.jpg", bytes);

        var whole = ImageFile.Read(Files(tree), path, headBytes: bytes.Length);
        whole!.Width.ShouldBe(4000);

        // The frame header sits past 256 KB of metadata: the default read says where it stopped, not that the file is broken.
        var facts = ImageFile.Read(Files(tree), path);
        facts!.Bytes.ShouldBe(bytes.Length);
        facts.Format.ShouldBe(ImageFormat.Jpeg);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("header truncated: the frame header (SOF) that holds the size is not within the first 256 KB");
    }

    [Fact]
    public void A_missing_file_or_a_folder_is_no_image()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("img"));

        ImageFile.Read(Files(tree), tree.PathOf("img/missing.png")).ShouldBeNull();
        ImageFile.Read(Files(tree), tree.PathOf("nowhere/missing.png")).ShouldBeNull();
        ImageFile.Read(Files(tree), tree.PathOf("img")).ShouldBeNull();
    }

    [Fact]
    public void An_empty_or_truncated_file_has_a_problem_not_an_exception()
    {
        using var tree = new TempTree();
        ImageFile.Read(Files(tree), tree.WriteBytes("empty.png", []))!.Problem.ShouldBe("the file is empty");
        var cut = ImageFile.Read(Files(tree), tree.WriteBytes("cut.png", TestImageFiles.Png(10, 10)[..18]))!;
        cut.Format.ShouldBe(ImageFormat.Png);
        cut.Problem.ShouldBe("header truncated: the file ends before the IHDR chunk's size fields");
    }

    [Fact]
    public void An_unreadable_file_is_reported_with_the_reason()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var tree = new TempTree();
        var path = tree.WriteBytes("locked.png", TestImageFiles.Png(10, 10));
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            using (File.OpenRead(path))
            {
                return; // running as root: permissions do not stop reads, nothing to test
            }
        }
        catch (UnauthorizedAccessException)
        {
        }

        var facts = ImageFile.Read(Files(tree), path)!;
        facts.Format.ShouldBe(ImageFormat.Unknown);
        facts.Problem!.ShouldStartWith("the file could not be read: ");
    }

    [Fact]
    public void The_workspace_caches_facts_until_the_file_changes()
    {
        using var tree = new TempTree();
        var path = tree.WriteBytes("wwwroot/img/card.png", TestImageFiles.Png(600, 315));
        var workspace = new SiteSession(CheckRun.SingleRuleEngine, new SiteOptions { Folders = [tree.Root] }).Workspace;

        workspace.GetImage(path)!.Width.ShouldBe(600);
        workspace.GetImage(path).ShouldBeSameAs(workspace.GetImage(path));

        tree.WriteBytes("wwwroot/img/card.png", TestImageFiles.Png(1200, 630));
        workspace.GetImage(path)!.Width.ShouldBe(1200);

        File.Delete(path);
        workspace.GetImage(path).ShouldBeNull();
    }
}
