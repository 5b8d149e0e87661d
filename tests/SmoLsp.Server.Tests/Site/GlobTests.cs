using SmoLsp.Analysis.Configuration;
using SmoLsp.Server.Site;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Site;

/// <summary>The one glob compiler: its semantics per dialect, and linear time on patterns built to backtrack.</summary>
public sealed class GlobTests
{
    public static TheoryData<string, string, bool> Gitignore => new()
    {
        { "*.html", "a.html", true },
        { "*.html", "a/b.html", false },
        { "*", "a/b", false },
        { "?.html", "a.html", true },
        { "?.html", "ab.html", false },
        { "a?b", "a/b", false },
        { "[abc].html", "b.html", true },
        { "[abc].html", "d.html", false },
        { "[!abc].html", "d.html", true },
        { "[!abc].html", "a.html", false },
        { "[^a]x", "bx", true },
        { "[a-c]x", "bx", true },
        { "[a-c]x", "dx", false },
        { "[]a]x", "]x", true },
        { "[!]a]x", "bx", true },
        { "[!]a]x", "]x", false },
        { "[[:digit:]]x", "5x", true },
        { "[[:digit:]]x", "ax", false },
        { "a[/]b", "a/b", false },
        { "a[!x]b", "a/b", false },
        { "a\\*b", "a*b", true },
        { "a\\*b", "axb", false },
        { "\\[x\\]", "[x]", true },
        { "[x", "[x", true },
        { "**/x", "x", true },
        { "**/x", "a/x", true },
        { "**/x", "a/b/x", true },
        { "**/x", "ax", false },
        { "a/**", "a/b", true },
        { "a/**", "a/b/c", true },
        { "a/**", "a", false },
        { "a/**/b", "a/b", true },
        { "a/**/b", "a/x/b", true },
        { "a/**/b", "a/x/y/b", true },
        { "a/**/b", "ab", false },
        { "a**b", "axxb", true },
        { "a**b", "ax/b", false },
        { "***/x", "a/b/x", true },
        { "{a,b}", "{a,b}", true },
        { "{a,b}", "a", false },
        { "", "", true },
        { "", "a", false },
    };

    public static TheoryData<string, string, bool> EditorConfig => new()
    {
        { "*.{cshtml,razor}", "x.razor", true },
        { "*.{cshtml,razor}", "x.html", false },
        { "{a,{b,c}}d", "cd", true },
        { "{a,{b,c}}d", "ad", true },
        { "{a,{b,c}}d", "xd", false },
        { "{a,}x", "x", true },
        { "{single}", "{single}", true },
        { "{single}", "single", false },
        { "{a*}", "{abc}", true },
        { "{a,b", "{a,b", true },
        { "a}b", "a}b", true },
        { "{src,test}/**/*.cs", "test/x/y.cs", true },
        { "page{1..3}.html", "page2.html", true },
        { "page{1..3}.html", "page4.html", false },
        { "page{1..3}.html", "page0.html", false },
        { "{8..12}", "9", true },
        { "{8..12}", "10", true },
        { "{8..12}", "12", true },
        { "{8..12}", "13", false },
        { "{8..12}", "7", false },
        { "{8..12}", "010", false },
        { "{12..8}", "11", true },
        { "{-3..3}", "-2", true },
        { "{-3..3}", "0", true },
        { "{-3..3}", "3", true },
        { "{-3..3}", "-4", false },
        { "{-3..3}", "4", false },
        { "{0..1000000}", "999999", true },
        { "{0..1000000}", "1000001", false },
        { "{95..1205}", "100", true },
        { "{95..1205}", "1206", false },
        { "{95..1205}", "94", false },
        { "{1..a}", "{1..a}", true },
        { "a**b", "ax/yb", true },
        { "**/x", "x", true },
        { "**/x", "a/b/x", true },
        { "**.html", "a/b.html", true },
        { "[!a]", "b", true },
        { "[^a]", "^", true },
        { "[^a]", "b", false },
    };

    public static TheoryData<string, string, bool> IncludeExclude => new()
    {
        { "legacy/**", "legacy/a.html", true },
        { "legacy/**", "legacy/x/y.html", true },
        { "legacy/**", "legacy", false },
        { "legacy/**", "a/legacy/x", false },
        { "**", "a/b/c", true },
        { "**/*", "a", true },
        { "**/*", "a/b", true },
        { "*.html", "a.html", true },
        { "*.html", "x/a.html", false },
        { "pages\\*.html", "pages/a.html", true },
        { "{a,b}/*.html", "b/x.html", true },
        { "pages/**/*.html", "pages/a.html", true },
        { "pages/**/*.html", "pages/x/a.html", true },
    };

    [Theory]
    [MemberData(nameof(Gitignore))]
    public void Gitignore_syntax(string pattern, string path, bool matches) =>
        Glob.Compile(pattern, GlobSyntax.Gitignore).IsMatch(path).ShouldBe(matches);

    [Theory]
    [MemberData(nameof(EditorConfig))]
    public void Editorconfig_syntax(string pattern, string path, bool matches) =>
        Glob.Compile(pattern, GlobSyntax.EditorConfig).IsMatch(path).ShouldBe(matches);

    [Theory]
    [MemberData(nameof(IncludeExclude))]
    public void Include_exclude_syntax(string pattern, string path, bool matches) =>
        Glob.Compile(pattern, GlobSyntax.IncludeExclude).IsMatch(path).ShouldBe(matches);

    [Theory]
    [InlineData("*.html", "X.HTML")]
    [InlineData("[a-c]x", "BX")]
    [InlineData("Legacy/**", "legacy/a")]
    public void Case_is_the_callers_choice(string pattern, string path)
    {
        Glob.Compile(pattern, GlobSyntax.Gitignore).IsMatch(path).ShouldBeFalse();
        Glob.Compile(pattern, GlobSyntax.Gitignore, ignoreCase: true).IsMatch(path).ShouldBeTrue();
    }

    [Theory]
    [InlineData("legacy", "legacy/a/b.html", true)]
    [InlineData("legacy", "legacy", true)]
    [InlineData("legacy", "legacyx/a.html", false)]
    [InlineData("*/drafts", "a/drafts/b.html", true)]
    [InlineData("*/drafts", "drafts/b.html", false)]
    [InlineData("a/b.html", "a/b.html", true)]
    public void A_glob_can_match_a_path_or_one_of_its_folders(string pattern, string path, bool matches) =>
        Glob.Compile(pattern, GlobSyntax.Gitignore).IsMatchOrFolderMatch(path).ShouldBe(matches);

    [Fact]
    public void Include_and_exclude_relative_to_their_folder_case_insensitive_and_excluded_folders_hide_their_files()
    {
        IncludeExcludeGlobs.Create([], []).ShouldBeNull();
        var filter = IncludeExcludeGlobs.Create(["pages/**/*.html", "Views/**"], ["**/drafts/**", "pages/legacy.html", "./old/"])!;
        filter.Includes("pages/a.html").ShouldBeTrue();
        filter.Includes("PAGES/x/A.HTML").ShouldBeTrue();
        filter.Includes("views/home/index.cshtml").ShouldBeTrue();
        filter.Includes("index.html").ShouldBeFalse();
        filter.Includes("pages/drafts/a.html").ShouldBeFalse();
        filter.Includes("pages/legacy.html").ShouldBeFalse();
        filter.Includes("Views/old/x.cshtml").ShouldBeTrue();

        var excludeOnly = IncludeExcludeGlobs.Create([], ["old"])!;
        excludeOnly.Includes("old/a/b.html").ShouldBeFalse();
        excludeOnly.Includes("older/a.html").ShouldBeTrue();
        var root = Path.Combine(Path.GetTempPath(), "site");
        // Full paths: relative to the smolsp.json's folder.
        var configuration = SmoLspConfiguration.Default with { SourcePath = Path.Combine(root, "smolsp.json"), Exclude = ["old"] };
        SiteSettings.Includes(configuration, Path.Combine(root, "old", "a.html"), null).ShouldBeFalse();
        SiteSettings.Includes(configuration, Path.Combine(root, "new", "a.html"), null).ShouldBeTrue();
    }

    [Fact]
    public void A_pattern_too_large_to_compile_never_matches_and_says_why()
    {
        var tooLong = Glob.Compile(new string('a', Glob.MaxPatternLength + 1), GlobSyntax.Gitignore);
        tooLong.Error.ShouldNotBeNull();
        tooLong.IsMatch(new string('a', Glob.MaxPatternLength + 1)).ShouldBeFalse();

        // Each 18-digit range is about 600 states: forty of them overflow the state cap.
        var manyRanges = Glob.Compile(string.Concat(Enumerable.Repeat("{1..999999999999999998}", 40)), GlobSyntax.EditorConfig);
        manyRanges.Error.ShouldNotBeNull();
        manyRanges.IsMatch("1").ShouldBeFalse();

        Glob.Compile("*.html", GlobSyntax.Gitignore).Error.ShouldBeNull();
    }

    /// <summary>Patterns that take a backtracking matcher minutes or forever, against long paths that do not match.</summary>
    public static TheoryData<string, GlobSyntax, string> Pathological => new()
    {
        { Repeat("**/", 40) + "x", GlobSyntax.Gitignore, Repeat("a/", 2000) + "y" },
        { Repeat("a/**/", 40) + "b", GlobSyntax.Gitignore, Repeat("a/", 2000) + "c" },
        { Repeat("*a", 30), GlobSyntax.EditorConfig, new string('a', 5000) + "b" },
        { "**/" + Repeat("*a", 30), GlobSyntax.EditorConfig, Repeat("aaaa/", 500) + new string('a', 3000) + "b" },
        { Repeat("**a", 30), GlobSyntax.EditorConfig, new string('a', 5000) + "b" },
        { Repeat("{a,aa,*a}", 30), GlobSyntax.EditorConfig, new string('a', 5000) + "b" },
        { Repeat("{", 2000) + "a" + Repeat(",b}", 2000), GlobSyntax.EditorConfig, new string('a', 5000) },
        { Repeat("[", 8000), GlobSyntax.Gitignore, new string('[', 8000) + "x" },
        { Repeat("{[[:", 2000), GlobSyntax.EditorConfig, new string('{', 2000) + "x" },
        { Repeat("{1..999999999999999999}", 10), GlobSyntax.EditorConfig, new string('9', 5000) },
        { Repeat("*a", 30), GlobSyntax.IncludeExclude, Repeat("aaaa/", 1000) + "b" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Pathological))]
    public async Task Pathological_patterns_finish_on_long_paths(string pattern, GlobSyntax syntax, string path)
    {
        var (matches, folderMatches) = await Task.Run(() =>
        {
            var glob = Glob.Compile(pattern, syntax);
            return (glob.IsMatch(path), glob.IsMatchOrFolderMatch(path));
        });
        matches.ShouldBeFalse();
        folderMatches.ShouldBeFalse();
    }

    [Fact(Timeout = 60_000)]
    public async Task Pathological_ignore_editorconfig_and_exclude_globs_finish_through_their_parsers()
    {
        using var tree = new TempTree();
        var longName = new string('a', 3000) + ".html";
        tree.Write(".editorconfig", $"root = true\n[{Repeat("*a", 30)}]\ndotnet_diagnostic.SMO001.severity = none\n");
        var ignore = IgnoreFile.Parse(Repeat("**/", 40) + "x\n" + Repeat("a/**/", 40) + "b\n", tree.Root, ".smolspignore");
        var include = IncludeExcludeGlobs.Create([Repeat("**/", 40) + "*.html"], [Repeat("*a", 30) + "b"])!;

        var (severities, ignored, included) = await Task.Run(() => (
            new EditorConfig(new FileAccessPolicy([tree.Root])).SeveritiesFor(Path.Combine(tree.Root, longName)),
            ignore.LastMatch(Repeat("a/", 1000) + longName, isDirectory: false),
            include.Includes(Repeat("a/", 1000) + longName)));

        severities.ShouldBeEmpty();
        ignored.ShouldBeNull();
        included.ShouldBeTrue();
    }

    [Fact(Timeout = 60_000)]
    public async Task Ignore_and_editorconfig_files_compile_a_bounded_number_of_globs()
    {
        // 4 MB of three-byte patterns would be 1.4 million globs to compile and try on every path.
        var ignoreText = string.Concat(Enumerable.Range(0, 1_400_000).Select(i => "a*\n"));
        var editorConfigText = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"[p{i}*]\ndotnet_diagnostic.SMO001.severity = none\n"));
        var (ignore, editorConfig) = await Task.Run(() => (
            IgnoreFile.Parse(ignoreText, "/site", "/site/.smolspignore"),
            EditorConfigFile.Parse(editorConfigText, "/site/.editorconfig", "/site")));

        ignore.PatternCount.ShouldBe(IgnoreFile.MaxPatterns);
        editorConfig.Sections.Count.ShouldBe(EditorConfigFile.MaxSections);
        editorConfig.Sections[^1].Glob.ShouldBe($"p{EditorConfigFile.MaxSections - 1}*");
    }

    [Fact]
    public void Answers_stay_right_when_the_cached_automaton_is_full_and_many_threads_match_at_once()
    {
        // "*a" then twelve "?" needs 2^12 deterministic states: far past the cache, so most paths finish on the NFA.
        var glob = Glob.Compile("*a" + new string('?', 12), GlobSyntax.Gitignore);
        var reference = new System.Text.RegularExpressions.Regex("^[^/]*a[^/]{12}$");
        var random = new Random(12);
        var paths = Enumerable.Range(0, 4000).Select(_ => new string([.. Enumerable.Range(0, random.Next(12, 24)).Select(_ => random.Next(3) == 0 ? 'a' : 'b')])).ToArray();
        var wrong = 0;
        Parallel.ForEach(paths, path =>
        {
            if (glob.IsMatch(path) != reference.IsMatch(path))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        wrong.ShouldBe(0);
        paths.Count(p => glob.IsMatch(p)).ShouldBeGreaterThan(100);
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
