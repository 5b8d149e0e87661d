using SmoLsp.Server.Site.Web;

namespace SmoLsp.Server.Tests.Live;

/// <summary>robots.txt as RFC 9309 reads it (its section 2 and 5 examples), and the bounds that keep matching cheap.</summary>
public sealed class RobotsTxtTests
{
    private static bool Allowed(string robots, string path, string agent = "SmoLsp") =>
        RobotsTxt.Parse(robots, agent).IsAllowed(new Uri("https://acme.test" + path));

    [Theory]
    [InlineData("/private/x", false)]
    [InlineData("/private", true)]
    [InlineData("/public/x", true)]
    [InlineData("/robots.txt", true)]
    public void The_star_group_applies_to_an_unnamed_crawler(string path, bool allowed) =>
        Allowed("User-agent: *\nDisallow: /private/\n", path).ShouldBe(allowed);

    [Fact]
    public void A_group_naming_the_crawler_replaces_the_star_group_case_insensitively()
    {
        const string robots = "User-agent: *\nDisallow: /\n\nUser-agent: smolsp/2.0\nUser-agent: OtherBot\nDisallow: /drafts/\n";
        Allowed(robots, "/page").ShouldBeTrue();
        Allowed(robots, "/drafts/a").ShouldBeFalse();
        Allowed(robots, "/page", agent: "SomeoneElse").ShouldBeFalse();
    }

    [Fact]
    public void An_empty_named_group_allows_everything() =>
        Allowed("User-agent: *\nDisallow: /\n\nUser-agent: SmoLsp\nDisallow:\n", "/anything").ShouldBeTrue();

    [Theory]
    [InlineData("/example/page/disallowed.gif", false)]
    [InlineData("/example/page/", true)]
    [InlineData("/example/page", true)]
    [InlineData("/example/", true)]
    [InlineData("/foo.gif", false)]
    [InlineData("/foo.gif?x=1", true)]
    [InlineData("/caf%C3%A9/menu", false)]
    public void The_longest_match_wins_allow_wins_a_tie_and_wildcards_and_anchors_work(string path, bool allowed) =>
        Allowed("""
            User-agent: *
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            Disallow: /*.gif$
            Disallow: /café/
            Allow: /example/
            Disallow: /example/
            """, path).ShouldBe(allowed);

    [Fact]
    public void Comments_unknown_lines_and_sitemaps_are_read_as_the_rfc_says()
    {
        var robots = RobotsTxt.Parse("# hello\nUser-agent: * # all\nDisallow: /x # no\nCrawl-delay: 5\nSitemap: https://acme.test/sitemap.xml\n", "SmoLsp");
        robots.IsAllowed(new Uri("https://acme.test/x/y")).ShouldBeFalse();
        robots.Sitemaps.ShouldBe(["https://acme.test/sitemap.xml"]);
    }

    [Fact]
    public void Unreachable_means_complete_disallow() =>
        RobotsTxt.Unreachable("503").IsAllowed(new Uri("https://acme.test/")).ShouldBeFalse();

    [Fact(Timeout = 10_000)]
    public async Task Pathological_patterns_match_in_bounded_time()
    {
        await Task.Yield();
        var rules = "User-agent: *\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"Disallow: /{string.Concat(Enumerable.Repeat("*a", 40))}b{i}$\n"));
        var path = "/" + new string('a', 4000);
        RobotsTxt.Parse(rules, "SmoLsp").IsAllowed(new Uri("https://acme.test" + path)).ShouldBeTrue();
    }
}
