using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO001MissingOgTitleTests
{
    [Fact]
    public void Reports_on_head_when_no_og_title() => RuleVerifier.Verify<SMO001MissingOgTitle>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets — hand-made widgets since 1999</title>
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Silent_when_og_title_present() => RuleVerifier.Verify<SMO001MissingOgTitle>("""
        <html>
          <head>
            <meta property="og:title" content="Acme Widgets">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_og_title_is_dynamic() => RuleVerifier.Verify<SMO001MissingOgTitle>("""
        <html>
          <head>
            <meta property="og:title" content="@Model.Title" />
          </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO001MissingOgTitle>("""
        <div class="card"><h2>Widgets</h2></div>
        """, "_Card.cshtml");

    [Fact]
    public void Fix_copies_static_title() => RuleVerifier.VerifyFix<SMO001MissingOgTitle>("""
        <html>
          <head>
            <title>Acme &amp; Sons "Widgets"</title>
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme &amp; Sons "Widgets"</title>
            <meta property="og:title" content="Acme &amp; Sons &quot;Widgets&quot;">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_copies_razor_expression() => RuleVerifier.VerifyFix<SMO001MissingOgTitle>("""
        <html>
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"] - Acme</title>
        </head>
        </html>
        """, """
        <html>
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"] - Acme</title>
            <meta property="og:title" content="@ViewData["Title"] - Acme" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Without_title_offers_a_placeholder_suggestion() => RuleVerifier.VerifyFix<SMO001MissingOgTitle>("""
        <html>
        	<head>
        	</head>
        </html>
        """, """
        <html>
        	<head>
        		<meta property="og:title" content="TODO: page title">
        	</head>
        </html>
        """, safety: FixSafety.Suggestion);

    [Theory]
    [InlineData("Home")]
    [InlineData("Index")]
    [InlineData("Home Page - WebApplication1")]
    public void A_placeholder_title_is_never_copied_a_suggestion_asks_for_one(string title)
    {
        var diagnostic = RuleVerifier.Verify<SMO001MissingOgTitle>($"""
            <html>
              <head>
                <title>{title}</title>
              [|</head>|]
            </html>
            """).Single();
        var fix = diagnostic.Fixes.Single();
        fix.IsSafe.ShouldBeFalse();
        fix.Edits.Single().NewText.ShouldNotContain(title);
        fix.Edits.Single().NewText.ShouldContain("content=\"TODO: what this page is about\"");
    }

    [Fact]
    public void In_a_razor_layout_the_suggestion_keeps_the_documents_style() => RuleVerifier.VerifyFix<SMO001MissingOgTitle>("""
        <html>
        <head>
            <title>Home Page - WebApplication1</title>
        </head>
        </html>
        """, """
        <html>
        <head>
            <title>Home Page - WebApplication1</title>
            <meta property="og:title" content="TODO: what this page is about" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Suggestion);
}

public sealed class HeadExtendedElsewhereTests
{
    private static readonly string[] s_pageSpecific = ["SMO001", "SMO002", "SMO003", "SMO004", "SMO101", "SMO201", "SMO207", "SMO305"];
    private static readonly string[] s_siteWide = ["SMO005", "SMO006"];

    [Theory]
    [InlineData("App.razor", "<!DOCTYPE html>\n<html>\n<head>\n    <base href=\"/\" />\n    <HeadOutlet />\n</head>\n<body><Routes /></body>\n</html>")]
    [InlineData("Views/Shared/_Layout.cshtml", "<!DOCTYPE html>\n<html>\n<head>\n    <title>@ViewData[\"Title\"]</title>\n    @await RenderSectionAsync(\"Meta\", required: false)\n</head>\n<body>@RenderBody()</body>\n</html>")]
    public void A_layout_that_pages_add_to_answers_only_for_site_wide_tags(string path, string text)
    {
        // Pages supply per-page tags (they are told when composed); og:type and og:site_name are the layout's.
        var result = BuiltInRules.CreateEngine().Analyze(Analysis.TemplateDocument.FromPath(path, text));
        result.Head.IsExtendedElsewhere.ShouldBeTrue();
        result.Head.HasUnknownHeadContent.ShouldBeFalse();
        var ids = result.Diagnostics.Select(d => d.Id).ToList();
        ids.Intersect(s_pageSpecific).ShouldBeEmpty();
        ids.ShouldBe(ids.Union(s_siteWide), ignoreOrder: true);
    }

    [Theory]
    [InlineData("_layouts/default.html", "<!DOCTYPE html>\n<html lang=\"en\">\n  {%- include head.html -%}\n  <body>{{ content }}</body>\n</html>")]
    [InlineData("Views/Shared/_Layout.cshtml", "<!DOCTYPE html>\n<html>\n<head>\n    <partial name=\"_Meta\" />\n</head>\n<body>@RenderBody()</body>\n</html>")]
    public void Missing_tag_rules_stay_silent_when_part_of_the_head_is_unseen(string path, string text)
    {
        var result = BuiltInRules.CreateEngine().Analyze(Analysis.TemplateDocument.FromPath(path, text));
        result.Head.HasUnknownHeadContent.ShouldBeTrue();
        result.Diagnostics.Select(d => d.Id).Intersect([.. s_pageSpecific, .. s_siteWide]).ShouldBeEmpty();
    }
}
