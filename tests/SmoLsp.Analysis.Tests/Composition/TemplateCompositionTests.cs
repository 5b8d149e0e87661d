using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>
/// Jekyll, Hugo, Django/Jinja and Eleventy pages composed the way their engine renders them, and each finding in the
/// one file that must change: the layout (or the include holding its head) for what the whole site shares, the page
/// for what its front matter or blocks supply; includes and partials answer for nothing on their own.
/// </summary>
public sealed class TemplateCompositionTests
{
    private static AnalysisResult Analyze(InMemoryWorkspace site, string path, params Rule[] rules) =>
        new AnalysisEngine(rules).Analyze(site.Document(path), null, site);

    private static string Slice(InMemoryWorkspace site, string path, Diagnostic d) => site.Text(path).Substring(d.Span.Start, d.Span.Length);

    // ------------------------------------------------------------------ Jekyll

    private static InMemoryWorkspace Jekyll(string head) => new(
        ("/site/_config.yml", "title: Acme\n"),
        ("/site/_layouts/default.html", "<!DOCTYPE html>\n<html>\n  {%- include head.html -%}\n  <body>\n    {{ content }}\n    {% include footer.html %}\n  </body>\n</html>\n"),
        ("/site/_layouts/post.html", "---\nlayout: default\n---\n<article>{{ content }}</article>\n"),
        ("/site/_includes/head.html", head),
        ("/site/_includes/footer.html", "<footer><a rel=\"me\" href=\"https://mastodon.social/@acme\">Mastodon</a></footer>\n"),
        ("/site/about.html", "---\nlayout: post\ntitle: Home of Acme\n---\n<h1>About</h1>\n"),
        ("/site/404.html", "---\nlayout: default\n---\n<h1>Not found</h1>\n"));

    private const string PlainHead = "<head>\n  <meta charset=\"utf-8\">\n  <title>{{ page.title | escape }} - Acme</title>\n</head>\n";

    [Fact]
    public void Jekyll_front_matter_feeds_page_title_through_the_layout_chain()
    {
        var site = Jekyll(PlainHead);
        var result = Analyze(site, "/site/about.html", new HomeTitleRule());

        var composed = result.Composition.ShouldNotBeNull();
        composed.Composed.Kind.ShouldBe(CompositionKind.Template);
        composed.Composed.Files.Select(f => (f.Path, f.Role)).ShouldBe([
            ("/site/about.html", CompositionRole.Page), ("/site/_layouts/post.html", CompositionRole.Layout),
            ("/site/_layouts/default.html", CompositionRole.Layout), ("/site/_includes/head.html", CompositionRole.Partial)]);
        composed.Head.Title!.Value.NormalizedText.ShouldBe("Home of Acme - Acme");

        // The placeholder title is the page's: reported on its front matter value.
        var d = result.Diagnostics.ShouldHaveSingleItem();
        Slice(site, "/site/about.html", d).ShouldBe("Home of Acme");
    }

    [Fact]
    public void Jekyll_a_layout_renders_its_body_includes_when_analyzed_itself_and_pages_need_only_its_head()
    {
        var site = Jekyll(PlainHead);
        Analyze(site, "/site/_layouts/default.html").Composition.ShouldNotBeNull().Composed.Files.Select(f => f.Path)
            .ShouldBe(["/site/_layouts/default.html", "/site/_includes/head.html", "/site/_includes/footer.html"]);
        Analyze(site, "/site/about.html").Composition.ShouldNotBeNull().Composed.Files.Select(f => f.Path).ShouldNotContain("/site/_includes/footer.html");
    }

    [Fact]
    public void Jekyll_the_layout_that_includes_the_head_answers_for_missing_tags_and_the_fix_writes_the_include()
    {
        var site = Jekyll(PlainHead);
        var layout = Analyze(site, "/site/_layouts/default.html", MissingMetaRule.SiteName(), MissingMetaRule.Description());

        layout.Diagnostics.Select(d => d.Id).Order().ShouldBe(["SMO981", "SMO982"]);
        foreach (var d in layout.Diagnostics)
        {
            Slice(site, "/site/_layouts/default.html", d).ShouldBe("{%- include head.html -%}");
            d.RelatedLocations.ShouldContain(r => r.DocumentPath == "/site/_includes/head.html");
            var edit = d.Fixes.ShouldHaveSingleItem().Edits.ShouldHaveSingleItem();
            edit.DocumentPath.ShouldBe("/site/_includes/head.html");
        }

        var fixedHead = TextEdits.Apply(site.Text("/site/_includes/head.html"), layout.Diagnostics.Single(d => d.Id == "SMO982").Fixes[0].Edits);
        fixedHead.ShouldContain("  <meta property=\"og:site_name\" content=\"TODO\">\n</head>");

        // Pages, the inner layout and the include itself repeat nothing.
        Analyze(site, "/site/about.html", MissingMetaRule.SiteName(), MissingMetaRule.Description()).Diagnostics.ShouldBeEmpty();
        Analyze(site, "/site/_layouts/post.html", MissingMetaRule.SiteName(), MissingMetaRule.Description()).Diagnostics.ShouldBeEmpty();
        var include = Analyze(site, "/site/_includes/head.html", MissingMetaRule.SiteName(), MissingMetaRule.Description());
        include.Head.Role.ShouldBe(DocumentRole.Fragment);
        include.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Jekyll_seo_tag_is_modelled_by_what_it_writes()
    {
        var site = Jekyll("<head>\n  <meta charset=\"utf-8\">\n  {%- seo -%}\n</head>\n");
        var result = Analyze(site, "/site/_layouts/default.html", MissingMetaRule.SiteName(), MissingMetaRule.Description(), new EveryMetaRule());

        var head = result.Composition.ShouldNotBeNull().Head;
        head.Title.ShouldNotBeNull().Value.IsDynamic.ShouldBeTrue();
        foreach (var key in (string[])["og:title", "og:description", "og:site_name", "og:url", "og:image", "og:type", "twitter:card", "description"])
        {
            head.HasMeta(key).ShouldBeTrue(key);
        }

        // Nothing to report, and nothing inside the generator's own markup is the site's to fix.
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Error_pages_and_includes_are_not_pages()
    {
        var site = Jekyll(PlainHead);
        var notFound = Analyze(site, "/site/404.html", MissingMetaRule.SiteName(), new HomeTitleRule());
        notFound.Head.Role.ShouldBe(DocumentRole.NotAPage);
        notFound.Composition.ShouldBeNull();
        notFound.Diagnostics.ShouldBeEmpty();
    }

    // ------------------------------------------------------------------ Hugo

    private static InMemoryWorkspace Hugo(string headPartial, string single = "{{ define \"main\" }}<article>{{ .Content }}</article>{{ end }}\n") => new(
        ("/site/hugo.toml", "baseURL = 'https://acme.example/'\ntheme = 'acme'\n"),
        ("/site/themes/acme/layouts/_default/baseof.html", "<!DOCTYPE html>\n<html>\n<head>\n  {{ partial \"head.html\" . }}\n  {{ block \"head\" . }}{{ end }}\n</head>\n<body>\n  {{ block \"main\" . }}{{ end }}\n  {{ partialCached \"footer.html\" . }}\n</body>\n</html>\n"),
        ("/site/themes/acme/layouts/partials/head.html", headPartial),
        ("/site/themes/acme/layouts/partials/footer.html", "<footer><a href=\"https://github.com/acme\">GitHub</a></footer>\n"),
        ("/site/layouts/_default/single.html", single),
        ("/site/themes/acme/layouts/_default/list.print.html", "<html><head><title>{{ .Title }}</title></head></html>\n"));

    [Fact]
    public void Hugo_page_templates_render_in_baseof_with_the_project_layouts_before_the_theme()
    {
        var site = Hugo("<title>{{ .Title }}</title>\n{{ template \"_internal/opengraph.html\" . }}\n{{ partial \"twitter_cards.html\" . }}\n");
        var result = Analyze(site, "/site/layouts/_default/single.html", MissingMetaRule.SiteName(), MissingMetaRule.Description());

        var composed = result.Composition.ShouldNotBeNull();
        composed.Composed.Files.Select(f => f.Path).ShouldContain("/site/themes/acme/layouts/_default/baseof.html");
        composed.Composed.Files.Select(f => f.Path).ShouldContain("/site/themes/acme/layouts/partials/head.html");
        composed.Head.HasMeta("og:title").ShouldBeTrue();
        composed.Head.HasMeta("twitter:card").ShouldBeTrue();
        composed.Head.Body.ShouldNotBeNull();
        composed.Syntax.Elements.ShouldContain(e => e.Name == "article");
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Hugo_a_head_block_in_baseof_makes_each_page_answer_for_its_own_tags()
    {
        var site = Hugo("<title>{{ .Title }}</title>\n<meta property=\"og:site_name\" content=\"Acme\">\n");
        const string baseOf = "/site/themes/acme/layouts/_default/baseof.html";
        const string single = "/site/layouts/_default/single.html";

        Analyze(site, baseOf, MissingMetaRule.Description()).Diagnostics.ShouldBeEmpty();
        var d = Analyze(site, single, MissingMetaRule.Description()).Diagnostics.ShouldHaveSingleItem();
        d.RelatedLocations.ShouldContain(r => r.DocumentPath == baseOf);

        var fix = d.Fixes.ShouldHaveSingleItem();
        fix.Title.ShouldContain("block head");
        TextEdits.Apply(site.Text(single), fix.Edits).ShouldEndWith("{{ end }}\n\n{{ define \"head\" }}\n    <meta property=\"og:description\" content=\"{{ .Title }}\">\n{{ end }}\n");
    }

    [Fact]
    public void Hugo_partials_and_output_formats_are_not_pages()
    {
        var site = Hugo("<title>{{ .Title }}</title>\n");
        Analyze(site, "/site/themes/acme/layouts/partials/head.html", MissingMetaRule.SiteName()).Head.Role.ShouldBe(DocumentRole.Fragment);
        Analyze(site, "/site/themes/acme/layouts/_default/list.print.html", MissingMetaRule.SiteName()).Head.Role.ShouldBe(DocumentRole.NotAPage);
    }

    // ------------------------------------------------------------------ Django / Jinja

    private static InMemoryWorkspace Django() => new(
        ("/app/manage.py", "# Django"),
        ("/app/blog/templates/base.html", "{% load static %}\n<!DOCTYPE html>\n<html>\n<head>\n  <title>{% block title %}Acme{% endblock %}</title>\n  <meta property=\"og:site_name\" content=\"Acme\">\n  {% block extra_head %}{% endblock %}\n</head>\n<body>\n  {% include \"includes/header.html\" %}\n  {% block content %}{% endblock %}\n</body>\n</html>\n"),
        ("/app/blog/templates/includes/header.html", "<header><a href=\"https://www.linkedin.com/company/acme\">LinkedIn</a></header>\n"),
        ("/app/blog/templates/blog/post.html", "{% extends \"base.html\" %}\n{% block title %}Home page{% endblock %}\n{% block content %}<h1>{{ page.title }}</h1>{% endblock %}\n"),
        ("/app/blog/templates/blog/about.html", "{% extends \"base.html\" %}\n{% block extra_head %}\n  <meta property=\"og:description\" content=\"About Acme\">\n{% endblock %}\n"),
        ("/app/blog/templates/blog/super.html", "{% extends \"blog/about.html\" %}\n{% block extra_head %}{{ block.super }}<meta name=\"x\" content=\"y\">{% endblock %}\n"));

    [Fact]
    public void Django_blocks_render_their_most_derived_definition()
    {
        var site = Django();
        var post = Analyze(site, "/app/blog/templates/blog/post.html", new HomeTitleRule());
        post.Composition.ShouldNotBeNull().Head.Title!.Value.NormalizedText.ShouldBe("Home page");
        Slice(site, "/app/blog/templates/blog/post.html", post.Diagnostics.ShouldHaveSingleItem()).ShouldContain("Home page");

        // {{ block.super }} renders the parent's definition.
        var super = Analyze(site, "/app/blog/templates/blog/super.html");
        super.Composition.ShouldNotBeNull().Head.HasMeta("og:description").ShouldBeTrue();
        super.Composition.Head.HasMeta("x").ShouldBeTrue();
    }

    [Fact]
    public void Django_a_page_that_fills_the_head_block_is_complete_and_one_that_does_not_is_told()
    {
        var site = Django();
        Analyze(site, "/app/blog/templates/base.html", MissingMetaRule.Description()).Diagnostics.ShouldBeEmpty();
        Analyze(site, "/app/blog/templates/blog/about.html", MissingMetaRule.Description()).Diagnostics.ShouldBeEmpty();

        var d = Analyze(site, "/app/blog/templates/blog/post.html", MissingMetaRule.Description()).Diagnostics.ShouldHaveSingleItem();
        var fix = d.Fixes.ShouldHaveSingleItem();
        TextEdits.Apply(site.Text("/app/blog/templates/blog/post.html"), fix.Edits)
            .ShouldEndWith("{% block extra_head %}\n    <meta property=\"og:description\" content=\"Home page\">\n{% endblock %}\n");
    }

    [Fact]
    public void A_child_template_whose_parent_is_elsewhere_is_only_its_blocks()
    {
        var site = new InMemoryWorkspace(("/theme/theme.conf", "[theme]\ninherit = basic\n"),
            ("/theme/layout.html", "{%- extends \"basic/layout.html\" %}\n{% block extrahead %}<meta name=\"viewport\" content=\"width=device-width\">{% endblock %}\n"));
        var result = Analyze(site, "/theme/layout.html", MissingMetaRule.SiteName());
        result.Composition.ShouldBeNull();
        result.Head.Role.ShouldBe(DocumentRole.Fragment);
        result.Diagnostics.ShouldBeEmpty();
    }

    // ------------------------------------------------------------------ Eleventy

    [Fact]
    public void Eleventy_layouts_live_in_includes_and_front_matter_feeds_title()
    {
        var site = new InMemoryWorkspace(
            ("/blog/eleventy.config.js", "export default {};"),
            ("/blog/_includes/layouts/base.njk", "<!doctype html>\n<html>\n<head>\n  <title>{{ title or metadata.title }}</title>\n</head>\n<body>{{ content | safe }}</body>\n</html>\n"),
            ("/blog/_includes/postslist.njk", "<ol>{% for post in postslist %}<li>{{ post.data.title }}</li>{% endfor %}</ol>\n"),
            ("/blog/content/index.njk", "---\nlayout: layouts/base.njk\ntitle: Home\n---\n<h1>Latest</h1>\n{% include \"postslist.njk\" %}\n"),
            ("/blog/content/sitemap.xml.njk", "---\npermalink: /sitemap.xml\n---\n<urlset></urlset>\n"));
        var result = Analyze(site, "/blog/content/index.njk", new HomeTitleRule());
        result.Composition.ShouldNotBeNull().Composed.Files.Select(f => f.Path).ShouldBe(["/blog/content/index.njk", "/blog/_includes/layouts/base.njk", "/blog/_includes/postslist.njk"]);
        Slice(site, "/blog/content/index.njk", result.Diagnostics.ShouldHaveSingleItem()).ShouldBe("Home");
        Analyze(site, "/blog/_includes/postslist.njk", MissingMetaRule.SiteName()).Head.Role.ShouldBe(DocumentRole.Fragment);
    }

    // ------------------------------------------------------------------ detection and configuration

    [Theory]
    [InlineData("/s/_config.yml", "/s/index.html", "---\nlayout: default\n---\n<p>x</p>", SiteEngine.Jekyll)]
    [InlineData("/s/hugo.toml", "/s/layouts/index.html", "{{ define \"main\" }}x{{ end }}", SiteEngine.Hugo)]
    [InlineData("/s/manage.py", "/s/app/templates/page.html", "{% extends \"base.html\" %}{% load static %}", SiteEngine.Django)]
    [InlineData("/s/theme.conf", "/s/layout.html", "{%- extends \"basic/layout.html\" %}", SiteEngine.Jinja)]
    [InlineData("/s/.eleventy.js", "/s/_includes/base.njk", "<html>{{ content | safe }}</html>", SiteEngine.Nunjucks)]
    [InlineData("/s/README.md", "/s/index.html", "<html><p>{{ vue }}</p></html>", SiteEngine.Html)]
    [InlineData("/s/README.md", "/s/plain.html", "<html><p>x</p></html>", SiteEngine.Html)]
    public void The_engine_is_detected_from_the_site_markers(string marker, string page, string text, SiteEngine engine)
    {
        var site = new InMemoryWorkspace((marker, "x"), (page, text));
        var syntax = ParsedTemplate.Parse(text, site.Document(page).Language);
        SiteEngines.Detect(site.Document(page), syntax, SmoLspConfiguration.Default, site).Engine.ShouldBe(engine);
    }

    [Fact]
    public void The_engine_set_in_smolsp_json_wins()
    {
        var result = ConfigurationParser.Parse("""{ "engine": "hugo" }""", "/s/smolsp.json", []);
        result.Success.ShouldBeTrue();
        result.Configuration.Engine.ShouldBe(SiteEngine.Hugo);
        var site = new InMemoryWorkspace(("/s/_config.yml", "x"), ("/s/index.html", "---\nlayout: x\n---\n"));
        var document = site.Document("/s/index.html");
        SiteEngines.Detect(document, ParsedTemplate.Parse(document.Text, document.Language), result.Configuration, site).Engine.ShouldBe(SiteEngine.Hugo);

        var bad = ConfigurationParser.Parse("{\n  \"engine\": \"gatsby\"\n}", "/s/smolsp.json", []);
        var error = bad.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe("engine");
        error.Line.ShouldBe(2);
        error.Message.ShouldBe("unknown engine 'gatsby'; use one of \"jekyll\", \"hugo\", \"django\", \"jinja\", \"nunjucks\", \"razor\", \"html\"");
    }

    [Fact]
    public void Composition_lists_every_file_it_asked_for()
    {
        var site = Jekyll(PlainHead);
        var composed = Analyze(site, "/site/about.html").Composition.ShouldNotBeNull().Composed;
        composed.Dependencies.ShouldContain("/site/_layouts/post.html");
        composed.Dependencies.ShouldContain("/site/_includes/head.html");
    }
}

/// <summary>Reports every meta tag (located on the tag): findings in a generator's markup must never reach the site.</summary>
internal sealed class EveryMetaRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO984", "Every meta", "A meta tag", RuleCategory.OpenGraph, DiagnosticSeverity.Info);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterElementAction((context, element) => context.Report(element.StartTagSpan), "meta");
}
