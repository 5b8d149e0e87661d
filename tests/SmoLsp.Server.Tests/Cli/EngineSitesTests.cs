using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Tests;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>
/// The acceptance of template-engine composition on real sites from the shared corpus (MANIFEST.tsv), with every rule
/// on, as <c>smolsp check SITE</c> reports them: each finding once, in the file that must change; nothing on includes,
/// partials, shortcodes and blocks; nothing on error pages; no "missing tag" where an include or a known generator
/// (<c>{% seo %}</c>, Hugo's internal opengraph template) writes it. The expected lists were checked by reading the
/// templates (docs/engines.md); a change here is a change in what users see.
/// </summary>
public sealed class EngineSitesTests
{
    private static readonly string[] s_allMissing = ["SMO001", "SMO002", "SMO003", "SMO004", "SMO005", "SMO006", "SMO305"];

    private static readonly string[] s_fragmentFolders = ["_includes", "partials", "_partials", "_shortcodes", "shortcodes", "_markup", "includes", "include", "blocks", "components", "sections", "tags"];

    private static CheckRun Check(string site)
    {
        Corpus.Root.ShouldNotBeNull(Corpus.NotFound);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = new CheckRunner(stdout, stderr, BuiltInRules.CreateEngine()).Run(new CheckOptions { Paths = [site], WorkingDirectory = Corpus.Root });
        var run = new CheckRun(code, stdout.ToString(), stderr.ToString());
        run.Stderr.ShouldBeEmpty();
        return run;
    }

    /// <summary>"file RULE" for every reported problem, sorted.</summary>
    private static List<string> Findings(CheckRun run) => run.ProblemLines
        .Select(l => l.Split(' '))
        .Select(parts => parts[0][..parts[0].IndexOf(':', StringComparison.Ordinal)] + " " + parts[2])
        .Order(StringComparer.Ordinal)
        .ToList();

    private static List<string> Expect(params IEnumerable<string>[] groups) => groups.SelectMany(g => g).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Each(string file, params string[] rules) => rules.Select(r => file + " " + r);

    private static void NothingOnFragments(CheckRun run)
    {
        var onFragments = Findings(run).Where(f => f.Split(' ')[0].Split('/').SkipLast(1).Any(s_fragmentFolders.Contains)).ToList();
        onFragments.ShouldBeEmpty();
    }

    [CorpusFact]
    public void Jekyll_minima_seo_tag_writes_the_head_and_the_footer_links_the_profiles()
    {
        // head.html (an include holding the <head>) calls {% seo %}; social.html links profiles with rel="me";
        // 404.html is an error page. Nothing is missing anywhere.
        var run = Check("jekyll__minima");
        Findings(run).ShouldBeEmpty();
        run.SummaryLine.ShouldContain("14 files checked");
    }

    [CorpusFact]
    public void Jekyll_basically_basic_layouts_include_head_seo_and_pages_compose_through_the_theme()
    {
        // The theme's head includes head-seo.html ({% seo %}) or writes title, description and canonical itself;
        // example/ and docs/ are sites inside the theme's repository whose layouts come from it.
        var run = Check("mmistakes__jekyll-theme-basically-basic");
        Findings(run).ShouldBeEmpty();
    }

    [CorpusFact]
    public void Hugo_book_baseof_answers_for_the_head_its_partials_write()
    {
        // html-head.html calls the embedded opengraph and schema partials but not twitter_cards: the image shows as a
        // small card on X (SMO101). The book's article offers no share link (SMO507). Page templates, partials,
        // shortcodes, render hooks and 404.html have nothing of their own.
        var run = Check("alex-shpak__hugo-book");
        Findings(run).ShouldBe(Expect(Each("alex-shpak__hugo-book/layouts/baseof.html", "SMO101", "SMO507")));
        NothingOnFragments(run);
    }

    [CorpusFact]
    public void Docsy_every_base_template_lacks_a_canonical_link_and_the_swagger_one_writes_a_second_title()
    {
        // head.html writes <title> and the embedded opengraph/twitter/schema partials; no canonical link. The swagger
        // base adds its own <title> after {{ partial "head.html" . }}: Hugo renders two. The print output formats
        // (baseof.print.html) are not pages.
        var run = Check("google__docsy");
        Findings(run).ShouldBe(Expect(
            Each("google__docsy/theme/layouts/baseof.html", "SMO305"),
            Each("google__docsy/theme/layouts/blog/baseof.html", "SMO305"),
            Each("google__docsy/theme/layouts/docs/baseof.html", "SMO305"),
            Each("google__docsy/theme/layouts/swagger/baseof.html", "SMO206", "SMO305")));
        run.ProblemLines.ShouldContain(l => l.StartsWith("google__docsy/theme/layouts/swagger/baseof.html:10:5: error SMO206 A second <title> in the document: browsers use the first one (line 52 of head.html)", StringComparison.Ordinal));
        NothingOnFragments(run);
    }

    [CorpusFact]
    public void Django_bakerydemo_base_answers_for_the_missing_share_tags_once()
    {
        // base.html writes no Open Graph tags and no canonical link; its blocks in the head (title, description) are
        // values the pages fill, not places for tags, so the pages are not told again. The footer links the
        // configured Mastodon and GitHub accounts. 404.html and 500.html are error pages, basic_auth.html is noindex.
        var run = Check("wagtail__bakerydemo");
        Findings(run).ShouldBe(Expect(Each("wagtail__bakerydemo/bakerydemo/templates/base.html", s_allMissing)));
        NothingOnFragments(run);
    }

    [CorpusFact]
    public void Sphinx_themes_are_not_judged_where_sphinx_writes_the_head()
    {
        // pydata's layout.html extends Sphinx's basic/layout.html (not in the theme): only its blocks are there.
        // The Read the Docs layout prints {{ metatags }}, whose content depends on the project's extensions; its two
        // canonical links sit under contradicting conditions.
        Findings(Check("pydata__pydata-sphinx-theme")).ShouldBeEmpty();
        Findings(Check("readthedocs__sphinx_rtd_theme")).ShouldBeEmpty();
    }

    [CorpusFact]
    public void Eleventy_base_layout_answers_for_the_share_tags_and_pages_compose_in_it()
    {
        // base.njk (in _includes/layouts) has a title and a description but no Open Graph tags, no canonical link
        // and no profile link. home.njk and post.njk compose in it; postslist.njk is an include; sitemap.xml.njk is XML.
        var run = Check("11ty__eleventy-base-blog");
        Findings(run).ShouldBe(Expect(Each("11ty__eleventy-base-blog/_includes/layouts/base.njk", [.. s_allMissing, "SMO501"])));
        run.SummaryLine.ShouldContain("8 files checked");
    }

    [CorpusFact]
    public void Jekyll_chrome_samples_the_layout_answers_for_site_wide_tags_and_redirect_stubs_are_not_pages()
    {
        // _layouts/default.html prints {{ page.additional_head_content }} in its head: pages may add their own tags
        // there, so only the site-wide ones are the layout's. index.html and quictransport/client.html are
        // meta-refresh redirects. Pages with front matter but no layout (the site's _config.yml sets it) are judged alone.
        var run = Check("GoogleChrome__samples");
        var findings = Findings(run);
        findings.Where(f => f.StartsWith("GoogleChrome__samples/_layouts/", StringComparison.Ordinal))
            .ShouldBe(Expect(Each("GoogleChrome__samples/_layouts/default.html", "SMO005", "SMO006", "SMO501")));
        findings.ShouldNotContain(f => f.StartsWith("GoogleChrome__samples/index.html ", StringComparison.Ordinal));
        findings.ShouldNotContain(f => f.StartsWith("GoogleChrome__samples/quictransport/client.html ", StringComparison.Ordinal));
        findings.ShouldNotContain(f => f.StartsWith("GoogleChrome__samples/intrinsic-size/index.html ", StringComparison.Ordinal));
        findings.Where(f => f.StartsWith("GoogleChrome__samples/app-install-banner/basic-banner/index.html ", StringComparison.Ordinal))
            .ShouldBe(Expect(Each("GoogleChrome__samples/app-install-banner/basic-banner/index.html", [.. s_allMissing, "SMO207", "SMO501"])));
        NothingOnFragments(run);
    }
}
