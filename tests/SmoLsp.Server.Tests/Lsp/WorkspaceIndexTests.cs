using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Site;
using static SmoLsp.Server.Tests.Lsp.WorkspaceTesting;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// The whole site, not just open documents: closed files under the workspace folder are indexed, reported (pushed
/// without a version, or pulled with <c>workspace/diagnostic</c>) and kept current from file-watcher events. The
/// engines here have no cross-page rule: those have their own tests.
/// </summary>
public sealed class WorkspaceIndexTests
{
    private static object Changes(params (string Path, int Type)[] changes) =>
        new { changes = changes.Select(c => new { uri = UriOf(c.Path), type = c.Type }).ToArray() };

    [Fact]
    public async Task Closed_files_are_indexed_and_pushed_without_a_version_skipping_build_output_ignored_and_excluded_files()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        tree.Write("about.html", Html("About", ogTitle: true));
        var post = tree.Write("blog/post.html", Html("Post"));
        tree.Write("node_modules/pkg/demo.html", Html("Demo"));
        tree.Write("bin/Debug/page.html", Html("Bin"));
        tree.Write(".cache/page.html", Html("Hidden"));
        tree.Write("drafts/wip.html", Html("Draft"));
        tree.Write("legacy/old.html", Html("Old"));
        tree.Write(".smolspignore", "drafts/\n");
        tree.Write("smolsp.json", """{ "exclude": ["legacy/**"] }""");
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));
        await client.SettleAsync();

        client.Services.GetRequiredService<WorkspaceDiagnostics>().Paths.ShouldBe([tree.PathOf("about.html"), post, index]);
        var published = client.Notifications("textDocument/publishDiagnostics").Select(n => n["params"]!).ToList();
        published.Select(p => (string?)p["uri"]).ShouldBe([UriOf(post), UriOf(index)]);
        foreach (var p in published)
        {
            p.AsObject().ContainsKey("version").ShouldBeFalse(); // a file on disk, not a document version
            p.Codes().ShouldBe(["SMO001"]);
            ((int?)p["diagnostics"]![0]!["range"]!["start"]!["line"]).ShouldBe(4);
        }

        // Neovim 0.7 shows work-done progress: begin, then end.
        client.ServerRequestCount("window/workDoneProgress/create").ShouldBe(1);
        var progress = client.Notifications("$/progress").Select(n => (string?)n["params"]!["value"]!["kind"]).ToList();
        progress.First().ShouldBe("begin");
        progress.Last().ShouldBe("end");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Pull_clients_get_every_file_from_workspace_diagnostic_and_unchanged_files_answer_unchanged()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        var about = tree.Write("about.html", Html("About", ogTitle: true));
        await using var client = new LspTestClient();
        var init = await client.InitializeAsync(Capabilities.VsCode, rootUri: UriOf(tree.Root));
        ((bool?)init["result"]!["capabilities"]!["diagnosticProvider"]!["workspaceDiagnostics"]).ShouldBe(true);
        ((bool?)init["result"]!["capabilities"]!["diagnosticProvider"]!["interFileDependencies"]).ShouldBe(true);

        var first = await client.PullWorkspaceAsync();
        first.Keys.Order(StringComparer.Ordinal).ShouldBe([UriOf(about), UriOf(index)]);
        ((string?)first[UriOf(index)]["kind"]).ShouldBe("full");
        first[UriOf(index)].Codes().ShouldBe(["SMO001"]);
        first[UriOf(about)].Codes().ShouldBeEmpty();
        first[UriOf(index)].AsObject().ContainsKey("version").ShouldBeTrue(); // null, written: the spec requires the key
        first[UriOf(index)]["version"].ShouldBeNull();

        var second = await client.PullWorkspaceAsync(first);
        second.Values.Select(r => (string?)r["kind"]).ShouldAllBe(k => k == "unchanged");

        // Fix index.html on disk, add a page, delete about.html: the client's watcher reports it, the server asks for a re-pull.
        File.WriteAllText(index, Html("Home", ogTitle: true));
        var contact = tree.Write("contact.html", Html("Contact"));
        File.Delete(about);
        var refreshes = client.ServerRequestCount("workspace/diagnostic/refresh");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((index, 2), (contact, 1), (about, 3)));
        await client.WaitForServerRequestAsync("workspace/diagnostic/refresh", refreshes + 1);
        await client.SettleAsync();
        var third = await client.PullWorkspaceAsync(second);
        ((string?)third[UriOf(index)]["kind"]).ShouldBe("full");
        third[UriOf(index)].Codes().ShouldBeEmpty();
        third[UriOf(contact)].Codes().ShouldBe(["SMO001"]);
        ((string?)third[UriOf(about)]["kind"]).ShouldBe("full"); // gone: an empty report clears what the client shows
        third[UriOf(about)].Codes().ShouldBeEmpty();
        third[UriOf(about)]["resultId"].ShouldBeNull();

        // textDocument/diagnostic on a closed file answers from the index too.
        var closed = await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = UriOf(contact) } });
        closed["result"]!.Codes().ShouldBe(["SMO001"]);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Indexing_the_workspace_does_not_change_the_result_id_of_an_open_document()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        await using var client = new LspTestClient();
        // Open and pull before `initialized` starts the index, so the walk meets an open document it already reported.
        // Pull without workspace/configuration: nothing else moves the result id (a settings pull would, rightly).
        var init = await client.RequestAsync("initialize", new { rootUri = UriOf(tree.Root), capabilities = new { textDocument = new { diagnostic = new { } } } });
        init["error"].ShouldBeNull();
        await client.OpenAsync(UriOf(index), Html("Home"));
        var first = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = UriOf(index) } }))["result"]!;
        await client.NotifyAsync("initialized", new { });
        await client.SettleAsync();
        var second = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = UriOf(index) }, previousResultId = (string?)first["resultId"] }))["result"]!;
        ((string?)second["kind"]).ShouldBe("unchanged");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Created_changed_and_deleted_files_are_pushed_and_a_deleted_file_is_cleared()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));
        await client.WaitForPublishAsync(UriOf(index), p => p.Codes().SequenceEqual(["SMO001"]));

        var page = tree.Write("blog/new.html", Html("New"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((page, 1)));
        await client.WaitForPublishAsync(UriOf(page), p => p.Codes().SequenceEqual(["SMO001"]));

        File.WriteAllText(page, Html("New", ogTitle: true));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((page, 2)));
        await client.WaitForPublishAsync(UriOf(page), p => !p.Codes().Any());

        File.Delete(index);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((index, 3)));
        await client.WaitForPublishAsync(UriOf(index), p => !p.Codes().Any());
        await client.SettleAsync();
        client.Services.GetRequiredService<WorkspaceDiagnostics>().Paths.ShouldBe([page]);

        // A file that did not change its problems is not published again.
        var count = client.Published(UriOf(page)).Count;
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((page, 2)));
        await client.SettleAsync();
        client.Published(UriOf(page)).Count.ShouldBe(count);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_layout_change_re_checks_exactly_the_pages_that_read_it_open_or_not()
    {
        using var tree = new TempTree();
        var layout = tree.Write("Views/Shared/_Layout.cshtml", "<html><head><title>One</title></head></html>");
        var pages = Enumerable.Range(1, 3).Select(i => tree.Write($"Views/Shared/Page{i}.cshtml", $"<h1>Page {i}</h1>")).ToList();
        var other = tree.Write("Views/Home/Index.cshtml", "<h1>Home</h1>");
        var probe = new LayoutProbeRule();
        await using var client = new LspTestClient(services =>
        {
            services.AddSingleton(new AnalysisEngine([probe]));
        });
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));
        var open = pages[2];
        await client.OpenAsync(UriOf(open), "<h1>Page 3, edited</h1>", languageId: "razor");
        await client.SettleAsync();
        foreach (var page in pages)
        {
            await client.WaitForPublishAsync(UriOf(page), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: One");
        }

        await client.WaitForPublishAsync(UriOf(other), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: (no layout)");
        var otherRuns = probe.RunsOf(other);
        client.Services.GetRequiredService<SiteSession>().Graph.DependentsOf(layout).ShouldBe(pages);

        client.ClearNotifications();
        File.WriteAllText(layout, "<html><head><title>Two</title></head></html>");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((layout, 2)));
        foreach (var page in pages.Take(2))
        {
            (await client.WaitForPublishAsync(UriOf(page), p => true)).AsObject().ContainsKey("version").ShouldBeFalse();
            client.Published(UriOf(page)).Single()["diagnostics"]![0]!["message"]!.GetValue<string>().ShouldBe("Layout title: Two");
        }

        // The open page is re-checked with its own (unsaved) text and published with its version.
        var reopened = await client.WaitForPublishAsync(UriOf(open), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: Two");
        ((int?)reopened["version"]).ShouldBe(1);
        await client.SettleAsync();
        probe.RunsOf(other).ShouldBe(otherRuns); // not a dependent: not checked again
        client.Published(UriOf(other)).ShouldBeEmpty();

        // A layout created where none was: the page that looked for it (and found nothing) is checked again.
        var newLayout = tree.Write("Views/Home/_Layout.cshtml", "<html><head><title>Home layout</title></head></html>");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((newLayout, 1)));
        await client.WaitForPublishAsync(UriOf(other), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: Home layout");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Editing_an_open_layout_re_checks_its_closed_pages_against_the_unsaved_text_and_closing_it_goes_back_to_disk()
    {
        using var tree = new TempTree();
        var layout = tree.Write("Pages/_Layout.cshtml", "<html><head><title>Disk</title></head></html>");
        var page = tree.Write("Pages/Index.cshtml", "<h1>Home</h1>");
        var probe = new LayoutProbeRule();
        await using var client = new LspTestClient(services =>
        {
            services.AddSingleton(new AnalysisEngine([probe]));
        });
        await client.InitializeAsync(Capabilities.Neovim07, new { diagnosticDelayMs = 0 }, rootUri: UriOf(tree.Root));
        await client.WaitForPublishAsync(UriOf(page), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: Disk");

        await client.OpenAsync(UriOf(layout), "<html><head><title>Disk</title></head></html>", languageId: "razor");
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = UriOf(layout), version = 2 },
            contentChanges = new[] { new { text = "<html><head><title>Typing</title></head></html>" } },
        });
        await client.WaitForPublishAsync(UriOf(page), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: Typing");

        // Closed without saving: the page reads the disk again; the layout's own report comes from disk, without a version.
        client.ClearNotifications();
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = UriOf(layout) } });
        await client.WaitForPublishAsync(UriOf(page), p => (string?)p["diagnostics"]![0]!["message"] == "Layout title: Disk");
        var layoutReport = await client.WaitForPublishAsync(UriOf(layout), p => true);
        layoutReport.AsObject().ContainsKey("version").ShouldBeFalse();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Open_documents_win_over_disk_and_closing_publishes_the_disk_report()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));
        await client.WaitForPublishAsync(UriOf(index), p => p.Codes().SequenceEqual(["SMO001"]));

        await client.OpenAsync(UriOf(index), Html("Home", ogTitle: true), version: 4);
        await client.WaitForPublishAsync(UriOf(index), p => (int?)p["version"] == 4 && !p.Codes().Any());

        // The disk changes under the open editor (a branch switch): the editor's text still wins.
        client.ClearNotifications();
        File.WriteAllText(index, Html("Home, on disk"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((index, 2)));
        await client.SettleAsync();
        await Task.Delay(100);
        client.Published(UriOf(index)).ShouldAllBe(p => (int?)p["version"] == 4 && !p.Codes().Any());

        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = UriOf(index) } });
        var closed = await client.WaitForPublishAsync(UriOf(index), p => p["version"] is null);
        closed.Codes().ShouldBe(["SMO001"]);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Without_client_watchers_the_server_watches_the_folders_itself()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        await using var client = new LspTestClient();
        // Neovim 0.7 cannot register watchers: nothing but the disk tells the server about these edits.
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));
        await client.WaitForPublishAsync(UriOf(index), p => p.Codes().SequenceEqual(["SMO001"]));
        client.Services.GetRequiredService<ServerFileWatcher>().IsWatching.ShouldBeTrue();

        File.WriteAllText(index, Html("Home", ogTitle: true));
        await client.WaitForPublishAsync(UriOf(index), p => !p.Codes().Any());
        var page = tree.Write("blog/post.html", Html("Post"));
        await client.WaitForPublishAsync(UriOf(page), p => p.Codes().SequenceEqual(["SMO001"]));
        File.Delete(page);
        await client.WaitForPublishAsync(UriOf(page), p => !p.Codes().Any());
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Watchers_are_registered_for_templates_configuration_ignore_files_editorconfig_and_images()
    {
        using var tree = new TempTree();
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.VsCode, rootUri: UriOf(tree.Root));
        await client.WaitForServerRequestAsync("client/registerCapability", 1);
        JsonNode registration;
        lock (client.ServerRequests)
        {
            registration = client.ServerRequests.First(r => r.Method == "client/registerCapability").Params!;
        }

        var watcher = registration["registrations"]!.AsArray().Single(r => (string?)r!["method"] == "workspace/didChangeWatchedFiles")!;
        var watchers = watcher["registerOptions"]!["watchers"]!.AsArray();
        watchers.Select(w => (string?)w!["globPattern"]).ShouldBe(
            ["**/smolsp.json", "**/*.{html,htm,cshtml,razor,liquid,njk}", "**/.smolspignore", "**/.editorconfig", "**/*.{png,jpg,jpeg,gif,webp,svg}", "**/*"]);
        ((int?)watchers[^1]!["kind"]).ShouldBe(5); // folders: creates and deletes only
        watchers.Take(5).ShouldAllBe(w => w!["kind"] == null); // the default: create, change and delete
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_deleted_folder_clears_its_pages_and_build_output_events_are_ignored()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        var post = tree.Write("blog/post.html", Html("Post"));
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.VsCode, rootUri: UriOf(tree.Root));
        var first = await client.PullWorkspaceAsync();
        first.Count.ShouldBe(2);

        Directory.Delete(tree.PathOf("blog"), recursive: true);
        tree.Write("obj/Debug/generated.html", Html("Generated"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((tree.PathOf("blog"), 3), (tree.PathOf("obj/Debug/generated.html"), 1), (tree.PathOf("obj/Debug/app.dll"), 1)));
        await client.SettleAsync();
        client.Services.GetRequiredService<WorkspaceDiagnostics>().Paths.ShouldBe([index]);
        var second = await client.PullWorkspaceAsync(first);
        ((string?)second[UriOf(post)]["kind"]).ShouldBe("full");
        second[UriOf(post)].Codes().ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_changed_ignore_file_or_configuration_walks_the_workspace_again()
    {
        using var tree = new TempTree();
        var index = tree.Write("index.html", Html("Home"));
        var draft = tree.Write("drafts/wip.html", Html("Draft"));
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, rootUri: UriOf(tree.Root));
        await client.WaitForPublishAsync(UriOf(draft), p => p.Codes().Any());

        var ignore = tree.Write(".smolspignore", "drafts/\n");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((ignore, 1)));
        await client.WaitForPublishAsync(UriOf(draft), p => !p.Codes().Any());
        await client.SettleAsync();
        client.Services.GetRequiredService<WorkspaceDiagnostics>().Paths.ShouldBe([index]);

        var config = tree.Write("smolsp.json", """{ "exclude": ["index.html"] }""");
        File.Delete(ignore);
        await client.NotifyAsync("workspace/didChangeWatchedFiles", Changes((config, 1), (ignore, 3)));
        await client.WaitForPublishAsync(UriOf(index), p => !p.Codes().Any());
        await client.WaitForPublishAsync(UriOf(draft), p => p.Codes().Any() && client.Published(UriOf(draft)).Count >= 3);
        await client.SettleAsync();
        client.Services.GetRequiredService<WorkspaceDiagnostics>().Paths.ShouldBe([draft]);
        await client.ShutdownAndExitAsync();
    }
}
