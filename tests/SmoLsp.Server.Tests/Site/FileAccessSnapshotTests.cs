using System.Diagnostics;
using SmoLsp.Server.Site;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Site;

/// <summary>
/// A <c>check</c> answers "is it there?" from one listing per folder (<see cref="FileAccessPolicy.Snapshot"/>). The
/// listing must never change a decision of the policy: every path below gets the same kind, real path and read outcome
/// with and without it, links and FIFOs included.
/// </summary>
public sealed class FileAccessSnapshotTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly TempTree _outside = new();

    public void Dispose()
    {
        _tree.Dispose();
        _outside.Dispose();
    }

    private string[] BuildTree()
    {
        _tree.Write("site/index.html", "<html></html>");
        _tree.Write("site/smolsp.json", "{}");
        _tree.Write("site/Views/Shared/_Layout.cshtml", "<html></html>");
        Directory.CreateDirectory(_tree.PathOf("site/wwwroot"));
        _outside.Write("secret.html", "<html>secret</html>");
        File.CreateSymbolicLink(_tree.PathOf("site/inside-link.html"), _tree.PathOf("site/index.html"));
        File.CreateSymbolicLink(_tree.PathOf("site/outside-link.html"), _outside.PathOf("secret.html"));
        Directory.CreateSymbolicLink(_tree.PathOf("site/outside-dir"), _outside.Root);
        Directory.CreateSymbolicLink(_tree.PathOf("site/Views/alias"), _tree.PathOf("site/Views/Shared"));
        if (!OperatingSystem.IsWindows())
        {
            Process.Start("mkfifo", _tree.PathOf("site/pipe.html"))!.WaitForExit();
        }

        return
        [
            "site/index.html", "site/smolsp.json", "site/.smolspignore", "site/.editorconfig", "site/wwwroot", "site/Views/Shared/_Layout.cshtml",
            "site/Views/_ViewStart.cshtml", "site/Views/Missing/_Layout.cshtml", "site/Components/App.razor", "site/inside-link.html",
            "site/outside-link.html", "site/outside-dir/secret.html", "site/Views/alias/_Layout.cshtml", "site/Views/alias/none.cshtml",
            "site/pipe.html", "site/index.html/child", "site/../site/index.html", "other/index.html",
        ];
    }

    [Fact]
    public void A_snapshot_changes_no_decision()
    {
        var paths = BuildTree();
        var plain = new FileAccessPolicy([_tree.PathOf("site")]);
        var snapshot = new FileAccessPolicy([_tree.PathOf("site")]) { Snapshot = true };

        foreach (var relative in paths)
        {
            var path = _tree.PathOf(relative);
            snapshot.Kind(path).ShouldBe(plain.Kind(path), relative);
            snapshot.Resolve(path).ShouldBe(plain.Resolve(path), relative);
            var (a, b) = (plain.ReadAll(path, 1024), snapshot.ReadAll(path, 1024));
            b.Status.ShouldBe(a.Status, relative);
            b.Bytes.ShouldBe(a.Bytes, relative);
        }
    }

    [Fact]
    public void KnownAbsent_is_true_only_for_what_a_snapshot_listed_as_missing()
    {
        BuildTree();
        var snapshot = new FileAccessPolicy([_tree.PathOf("site")]) { Snapshot = true };
        snapshot.KnownAbsent(_tree.PathOf("site/smolsp.json")).ShouldBeFalse();
        snapshot.KnownAbsent(_tree.PathOf("site/wwwroot")).ShouldBeFalse();
        snapshot.KnownAbsent(_tree.PathOf("site/.editorconfig")).ShouldBeTrue();
        snapshot.KnownAbsent(_tree.PathOf("site/Components/App.razor")).ShouldBeTrue();
        snapshot.KnownAbsent(_tree.PathOf("site/Views/alias/_Layout.cshtml")).ShouldBeFalse();

        // Without a snapshot nothing is known without asking the file system.
        new FileAccessPolicy([_tree.PathOf("site")]).KnownAbsent(_tree.PathOf("site/.editorconfig")).ShouldBeFalse();
    }

    [Fact]
    public void The_walks_listing_feeds_the_snapshot_without_changing_a_decision()
    {
        var paths = BuildTree();
        var plain = new FileAccessPolicy([_tree.PathOf("site")]);
        var snapshot = new FileAccessPolicy([_tree.PathOf("site")]) { Snapshot = true };
        // The walk finds the same templates, in the same order, whichever lists the folders; links are marked as links.
        var site = _tree.PathOf("site");
        var (byOwnListing, bySnapshot) = (new List<string>(), new List<string>());
        new SiteWalker().Walk(site, byOwnListing, []);
        new SiteWalker(lister: snapshot.ListForWalk).Walk(site, bySnapshot, []);
        bySnapshot.ShouldBe(byOwnListing);
        bySnapshot.ShouldContain(_tree.PathOf("site/Views/Shared/_Layout.cshtml"));
        snapshot.ListForWalk(site).ShouldContain(e => e.Name == "outside-dir" && e.IsDirectory && e.IsSymbolicLink);

        foreach (var relative in paths)
        {
            var path = _tree.PathOf(relative);
            snapshot.Kind(path).ShouldBe(plain.Kind(path), relative);
            snapshot.Resolve(path).ShouldBe(plain.Resolve(path), relative);
            snapshot.ReadAll(path, 1024).Status.ShouldBe(plain.ReadAll(path, 1024).Status, relative);
        }

        snapshot.ListingHas(_tree.PathOf("site"), name => name == "smolsp.json").ShouldBe(true);
        snapshot.ListingHas(_tree.PathOf("site"), name => name == "wwwroot").ShouldBe(false); // a folder is no marker
        plain.ListingHas(_tree.PathOf("site"), name => name == "smolsp.json").ShouldBeNull();
    }
}
