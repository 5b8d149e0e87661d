using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Site;
using static SmoLsp.Server.Tests.Lsp.WorkspaceTesting;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// Site-wide rules run over the index after every batch of changes and merge into each page's report, with related
/// information pointing at the other pages. A site rule of the test's own pins the plumbing; one test runs the
/// local SMO210 stand-in end to end.
/// </summary>
public sealed class SiteRulesTests
{
    private static object Changes(params (string Path, int Type)[] changes) =>
        new { changes = changes.Select(c => new { uri = UriOf(c.Path), type = c.Type }).ToArray() };

    /// <summary>A site rule of the core's kind (as a plugin would write one): every page whose static title another page shares gets SMO998.</summary>
    private sealed class SharedTitleRule : SiteRule
    {
        public static readonly RuleDescriptor Rule = new("SMO998", "Shared title", "Title shared with {2} page(s)", RuleCategory.Titles, DiagnosticSeverity.Warning);

        public override RuleDescriptor Descriptor => Rule;

        public override PageValue? Collect(SmoLsp.Analysis.Model.HeadModel head) =>
            head.Title?.Value is { IsStatic: true } title ? new PageValue(title.NormalizedText, title.NormalizedText, title.Span) : null;
    }

    [Fact]
    public async Task A_title_shared_by_two_closed_files_is_reported_on_both_with_related_information_and_clears_when_one_changes()
    {
        using var tree = new TempTree();
        var a = tree.Write("a.html", Html("Same", ogTitle: true));
        var b = tree.Write("b/b.html", Html("Same", ogTitle: true));
        var c = tree.Write("c.html", Html("Other", ogTitle: true));
        var engine = new AnalysisEngine([new SharedTitleRule()]);
        await using var client = new LspTestClient(services => services.AddSingleton(engine));
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));

        var onA = await client.WaitForPublishAsync(UriOf(a), p => p.Codes().SequenceEqual(["SMO998"]));
        var diagnostic = onA["diagnostics"]![0]!;
        // The title's text: line 3, after "  <title>".
        ((int?)diagnostic["range"]!["start"]!["line"]).ShouldBe(3);
        ((int?)diagnostic["range"]!["start"]!["character"]).ShouldBe(9);
        ((int?)diagnostic["range"]!["end"]!["character"]).ShouldBe(13);
        var related = diagnostic["relatedInformation"]!.AsArray().Single()!;
        ((string?)related["location"]!["uri"]).ShouldBe(UriOf(b));
        ((int?)related["location"]!["range"]!["start"]!["line"]).ShouldBe(3);
        ((int?)related["location"]!["range"]!["start"]!["character"]).ShouldBe(9);
        await client.WaitForPublishAsync(UriOf(b), p => p.Codes().SequenceEqual(["SMO998"]));
        client.Published(UriOf(c)).ShouldBeEmpty();

        // An open page joins with its editor text: the other two now count it, it gets the diagnostic with its version.
        await client.OpenAsync(UriOf(c), Html("Same", ogTitle: true), version: 7);
        await client.WaitForPublishAsync(UriOf(c), p => (int?)p["version"] == 7 && p.Codes().SequenceEqual(["SMO998"]) && p["diagnostics"]![0]!["relatedInformation"]!.AsArray().Count == 2);
        await client.WaitForPublishAsync(UriOf(a), p => (string?)p["diagnostics"]?[0]?["message"] == "Title shared with 2 page(s)");

        // Closing c (its disk title is "Other") and changing b on disk: nothing is shared any more, everything clears.
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = UriOf(c) } });
        File.WriteAllText(b, Html("Different", ogTitle: true));
        client.ClearNotifications();
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((b, 2)));
        await client.WaitForPublishAsync(UriOf(a), p => !p.Codes().Any());
        await client.WaitForPublishAsync(UriOf(b), p => !p.Codes().Any());
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task SMO210_from_the_core_site_analysis_reports_a_duplicated_title_to_pull_clients_and_smolsp_json_may_configure_it()
    {
        using var tree = new TempTree();
        var a = tree.Write("a.html", Html("Acme Widgets", ogTitle: true));
        var b = tree.Write("b.html", Html("Acme Widgets", ogTitle: true));
        tree.Write("smolsp.json", """{ "rules": { "SMO210": "error", "SMO211": "off" } }""");
        // The real site rules: the engine records each page's facts, the session runs the core's site analysis.
        var engine = new AnalysisEngine(SmoLsp.Rules.BuiltInRules.All.Where(r => r.Descriptor.Id is "SMO001" or "SMO210" or "SMO211"));
        await using var client = new LspTestClient(services => services.AddSingleton(engine));
        await client.InitializeAsync(Capabilities.VsCode, rootUri: UriOf(tree.Root));

        var first = await client.PullWorkspaceAsync();
        foreach (var uri in new[] { UriOf(a), UriOf(b) })
        {
            first[uri].Codes().ShouldBe(["SMO210"]);
            ((int?)first[uri]["items"]![0]!["severity"]).ShouldBe(1);
        }

        client.Notifications("window/showMessage").ShouldBeEmpty(); // SMO210 is a rule the configuration may name

        // The open document's own pull includes the site-wide diagnostic too.
        await client.OpenAsync(UriOf(a), Html("Acme Widgets", ogTitle: true));
        var pulled = await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = UriOf(a) } });
        pulled["result"]!.Codes().ShouldBe(["SMO210"]);

        var refreshes = client.ServerRequestCount("workspace/diagnostic/refresh");
        File.WriteAllText(b, Html("Acme Gadgets", ogTitle: true));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((b, 2)));
        await client.WaitForServerRequestAsync("workspace/diagnostic/refresh", refreshes + 1);
        await client.SettleAsync();
        var second = await client.PullWorkspaceAsync(first);
        second[UriOf(b)].Codes().ShouldBeEmpty();
        second[UriOf(a)].Codes().ShouldBeEmpty(); // open: its live report, without the site-wide diagnostic now
        var again = await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = UriOf(a) }, previousResultId = (string?)pulled["result"]!["resultId"] });
        ((string?)again["result"]!["kind"]).ShouldBe("full"); // the page's text did not change, its report did
        again["result"]!.Codes().ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_plugin_site_rule_runs_guarded_and_gets_real_ranges_in_the_editor()
    {
        using var tree = new TempTree();
        var a = tree.Write("a.html", Html("Same", ogTitle: true));
        tree.Write("b.html", Html("Same", ogTitle: true));

        // Plugins' rules run guarded (under the host's watchdog); a guarded site rule collects its facts the same way.
        var engine = new AnalysisEngine([], [new SharedTitleRule()], watchdog: null);
        await using var client = new LspTestClient(services => services.AddSingleton(engine));
        await client.InitializeAsync(Capabilities.VsCode, rootUri: UriOf(tree.Root));

        var report = await client.PullWorkspaceAsync();
        var diagnostic = report[UriOf(a)]["items"]!.AsArray().Single()!;
        ((string?)diagnostic["code"]).ShouldBe("SMO998");
        ((int?)diagnostic["range"]!["start"]!["line"]).ShouldBe(3);
        ((int?)diagnostic["range"]!["start"]!["character"]).ShouldBe(9);
        ((int?)diagnostic["range"]!["end"]!["character"]).ShouldBe(13);
        await client.ShutdownAndExitAsync();
    }
}
