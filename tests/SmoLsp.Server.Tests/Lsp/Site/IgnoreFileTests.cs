using SmoLsp.Analysis.Configuration;
using SmoLsp.Server.Site;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Lsp.Site;

/// <summary><c>.smolspignore</c> follows gitignore: these cases are git's own documented behaviour.</summary>
public sealed class IgnoreFileTests
{
    [Theory]
    [InlineData("*.html", "a.html", false, true)]
    [InlineData("*.html", "deep/down/a.html", false, true)]
    [InlineData("*.html", "a.cshtml", false, null)]
    [InlineData("drafts/", "drafts", true, true)]
    [InlineData("drafts/", "drafts", false, null)] // a trailing slash matches folders only
    [InlineData("drafts/", "site/drafts", true, true)]
    [InlineData("/drafts", "site/drafts", true, null)] // a leading slash anchors to the ignore file's folder
    [InlineData("/drafts", "drafts", true, true)]
    [InlineData("docs/*.htm", "docs/a.htm", false, true)]
    [InlineData("docs/*.htm", "x/docs/a.htm", false, null)] // an inner slash anchors too
    [InlineData("docs/*.htm", "docs/sub/a.htm", false, null)] // * does not cross folders
    [InlineData("**/tmp", "a/b/tmp", true, true)]
    [InlineData("**/tmp", "tmp", true, true)]
    [InlineData("tmp/**", "tmp/a/b.html", false, true)]
    [InlineData("a/**/b.html", "a/b.html", false, true)]
    [InlineData("a/**/b.html", "a/x/y/b.html", false, true)]
    [InlineData("page?.html", "page1.html", false, true)]
    [InlineData("page?.html", "page10.html", false, null)]
    [InlineData("[ab].html", "b.html", false, true)]
    [InlineData("[!ab].html", "b.html", false, null)]
    [InlineData("[!ab].html", "c.html", false, true)]
    [InlineData("\\#notes.html", "#notes.html", false, true)]
    [InlineData("# a comment", "# a comment", false, null)]
    [InlineData("trailing.html   ", "trailing.html", false, true)]
    public void Patterns_match_like_gitignore(string pattern, string path, bool isDirectory, bool? expected) =>
        IgnoreFile.Parse("/site", pattern).Match(path, isDirectory).ShouldBe(expected);

    [Fact]
    public void The_last_matching_pattern_wins_and_negation_re_includes()
    {
        var file = IgnoreFile.Parse("/site", "*.html\n!keep.html\n\n# done\n");
        file.PatternCount.ShouldBe(2);
        file.Match("drop.html", false).ShouldBe(true);
        file.Match("keep.html", false).ShouldBe(false);
    }

    [Fact]
    public void Nested_files_apply_to_their_folder_and_a_folder_excluded_above_cannot_be_re_included()
    {
        using var tree = new TempTree();
        tree.Write(".smolspignore", "generated/\nold-*.html\n");
        tree.Write("blog/.smolspignore", "!old-keep.html\ndraft.html\n");
        var rules = new IgnoreRules(new FileAccessPolicy([tree.Root]));
        rules.IsExcluded(tree.PathOf("index.html")).ShouldBeFalse();
        rules.IsExcluded(tree.PathOf("old-home.html")).ShouldBeTrue();
        rules.IsExcluded(tree.PathOf("blog/old-keep.html")).ShouldBeFalse(); // the deeper file wins
        rules.IsExcluded(tree.PathOf("blog/old-post.html")).ShouldBeTrue();
        rules.IsExcluded(tree.PathOf("blog/draft.html")).ShouldBeTrue();
        rules.IsExcluded(tree.PathOf("draft.html")).ShouldBeFalse(); // blog's file says nothing about the root
        rules.IsExcluded(tree.PathOf("generated/page.html")).ShouldBeTrue();
        rules.IsExcluded(tree.PathOf("node_modules/pkg/page.html")).ShouldBeTrue();
        rules.IsExcluded(tree.PathOf(".hidden/page.html")).ShouldBeTrue();
        rules.IsExcluded("/elsewhere/page.html").ShouldBeTrue();
    }

    [Fact]
    public void The_walker_skips_what_the_cli_skips_and_what_ignore_files_exclude()
    {
        using var tree = new TempTree();
        tree.Write("index.html", "<html></html>");
        tree.Write("Views/Home/Index.cshtml", "<h1>Home</h1>");
        tree.Write("Components/App.razor", "<Router />");
        tree.Write("readme.md", "not a template");
        tree.Write("bin/Debug/page.html", "<html></html>");
        tree.Write("obj/page.html", "<html></html>");
        tree.Write("node_modules/pkg/page.html", "<html></html>");
        tree.Write(".git/page.html", "<html></html>");
        tree.Write(".cache/page.html", "<html></html>");
        tree.Write("drafts/wip.html", "<html></html>");
        tree.Write("blog/post.htm", "<html></html>");
        tree.Write("blog/old.htm", "<html></html>");
        tree.Write(".smolspignore", "drafts/\n");
        tree.Write("blog/.smolspignore", "old.htm\n");

        var files = new List<string>();
        var problems = new List<WalkProblem>();
        new SiteWalker(new IgnoreRules(new FileAccessPolicy([tree.Root]))).Walk(tree.Root, files, problems);
        files.Select(f => Path.GetRelativePath(tree.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            .ShouldBe(["Components/App.razor", "Views/Home/Index.cshtml", "blog/post.htm", "index.html"]);
        problems.ShouldBeEmpty();
    }
}
