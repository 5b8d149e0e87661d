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
          [|<head>|]
            <title>Acme Widgets — hand-made widgets since 1999</title>
          </head>
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
}

public sealed class HeadExtendedElsewhereTests
{
    [Theory]
    [InlineData("App.razor", "<!DOCTYPE html>\n<html>\n<head>\n    <base href=\"/\" />\n    <HeadOutlet />\n</head>\n<body><Routes /></body>\n</html>")]
    [InlineData("Views/Shared/_Layout.cshtml", "<!DOCTYPE html>\n<html>\n<head>\n    <title>@ViewData[\"Title\"]</title>\n    @await RenderSectionAsync(\"Meta\", required: false)\n</head>\n<body>@RenderBody()</body>\n</html>")]
    [InlineData("_layouts/default.html", "<!DOCTYPE html>\n<html lang=\"en\">\n  {%- include head.html -%}\n  <body>{{ content }}</body>\n</html>")]
    public void Missing_tag_rules_stay_silent_when_other_files_fill_the_head(string path, string text)
    {
        var engine = BuiltInRules.CreateEngine();
        var result = engine.Analyze(Analysis.TemplateDocument.FromPath(path, text));
        result.Head.IsExtendedElsewhere.ShouldBeTrue();
        string[] missingTagRules = ["SMO001", "SMO002", "SMO003", "SMO004", "SMO005", "SMO006", "SMO101", "SMO201", "SMO207"];
        result.Diagnostics.Select(d => d.Id).Intersect(missingTagRules).ShouldBeEmpty();
    }
}
