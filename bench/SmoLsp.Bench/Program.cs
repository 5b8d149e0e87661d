using System.Diagnostics;
using System.Globalization;
using HtmlAgilityPack;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Rules;
using SmoLsp.Server.Site;

namespace SmoLsp.Bench;

/// <summary>
/// Times SmoLsp's analysis over a corpus of real templates next to HtmlAgilityPack parsing the same text, so the
/// numbers say what the design promises: our pass (scan + head model + rules) costs less than a DOM parse.
/// Usage: dotnet run -c Release --project bench/SmoLsp.Bench -- [corpus-folder] [--passes N (default 10)]
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var corpus = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultCorpus();
        var passes = args.SkipWhile(a => a != "--passes").Skip(1).Select(int.Parse).FirstOrDefault(10);
        if (!Directory.Exists(corpus))
        {
            Console.Error.WriteLine($"bench: corpus folder not found: {corpus}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var paths = new List<string>();
        var files = new FileAccessPolicy([Path.GetFullPath(corpus)]);
        new SiteWalker().Walk(Path.GetFullPath(corpus), paths, []);
        paths.Sort(StringComparer.Ordinal);
        var documents = new List<TemplateDocument>(paths.Count);
        long bytes = 0;
        foreach (var path in paths)
        {
            var read = TemplateFile.Read(files, path);
            if (read.Success)
            {
                documents.Add(TemplateDocument.FromPath(path, read.Text!));
                bytes += read.Length;
            }
        }

        var readTime = clock.Elapsed;
        var mb = bytes / (1024.0 * 1024.0);
        Console.WriteLine($"Corpus: {corpus}");
        Console.WriteLine($"{documents.Count} files, {mb:0.0} MB (walk + read + decode: {readTime.TotalMilliseconds:0} ms); {Environment.ProcessorCount} cores; {passes} warm passes, best reported");
        Console.WriteLine();
        Console.WriteLine("| Measure | Cold (first pass) | Warm (best) | Files/s (warm) | MB/s (warm) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        var engine = BuiltInRules.CreateEngine();
        var sink = 0L;
        void Row(string name, Action<TemplateDocument> work, bool parallel = false)
        {
            TimeSpan RunOnce()
            {
                var sw = Stopwatch.StartNew();
                if (parallel)
                {
                    Parallel.ForEach(documents, work);
                }
                else
                {
                    foreach (var d in documents)
                    {
                        work(d);
                    }
                }

                return sw.Elapsed;
            }

            var cold = RunOnce();
            var best = TimeSpan.MaxValue;
            for (var i = 0; i < passes; i++)
            {
                var t = RunOnce();
                best = t < best ? t : best;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {cold.TotalMilliseconds:0} ms | {best.TotalMilliseconds:0} ms | {documents.Count / best.TotalSeconds:0} | {mb / best.TotalSeconds:0.0} |"));
        }

        // Cold numbers depend on order: each row's first pass pays the JIT for code it alone uses.
        Row("HtmlAgilityPack LoadHtml, 1 thread", d =>
        {
            var html = new HtmlDocument();
            html.LoadHtml(d.Text);
            Interlocked.Add(ref sink, html.DocumentNode.ChildNodes.Count);
        });
        Row("SmoLsp scan + head model, 1 thread", d =>
        {
            var parsed = ParsedTemplate.Parse(d.Text, d.Language);
            Interlocked.Add(ref sink, HeadModel.Build(parsed).Metas.Count);
        });
        Row("SmoLsp full analysis, 1 thread", d => Interlocked.Add(ref sink, engine.Analyze(d).Diagnostics.Count));
        Row($"SmoLsp full analysis, {Environment.ProcessorCount} threads", d => Interlocked.Add(ref sink, engine.Analyze(d).Diagnostics.Count), parallel: true);
        Row($"HtmlAgilityPack LoadHtml, {Environment.ProcessorCount} threads", d =>
        {
            var html = new HtmlDocument();
            html.LoadHtml(d.Text);
            Interlocked.Add(ref sink, html.DocumentNode.ChildNodes.Count);
        }, parallel: true);

        // Razor against plain HTML, per MB: what the projection (masking C#) and composition (layouts, ViewStart,
        // sections, Blazor hosts, read through the same cached file-system workspace as `smolsp check`) cost.
        var all = documents;
        var html = documents.Where(d => d.Language == TemplateLanguage.Html).ToList();
        var razor = documents.Where(d => d.Language != TemplateLanguage.Html).ToList();
        Console.WriteLine();
        Console.WriteLine($"HTML: {html.Count} files, {html.Sum(d => (long)d.Text.Length) / (1024.0 * 1024.0):0.00} MB; Razor: {razor.Count} files, {razor.Sum(d => (long)d.Text.Length) / (1024.0 * 1024.0):0.00} MB");
        Console.WriteLine();
        Console.WriteLine("| Measure | Cold (first pass) | Warm (best) | Files/s (warm) | MB/s (warm) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        documents = html;
        mb = html.Sum(d => (long)d.Text.Length) / (1024.0 * 1024.0);
        Row("HTML: scan + head model, 1 thread", d => Interlocked.Add(ref sink, HeadModel.Build(ParsedTemplate.Parse(d.Text, d.Language)).Metas.Count));
        Row("HTML: full analysis, 1 thread", d => Interlocked.Add(ref sink, engine.Analyze(d).Diagnostics.Count));
        documents = razor;
        mb = razor.Sum(d => (long)d.Text.Length) / (1024.0 * 1024.0);
        Row("Razor: projection + scan + head model, 1 thread", d => Interlocked.Add(ref sink, HeadModel.Build(ParsedTemplate.Parse(d.Text, d.Language)).Metas.Count));
        Row("Razor: full analysis alone (no workspace), 1 thread", d => Interlocked.Add(ref sink, engine.Analyze(d).Diagnostics.Count));
        // The session's view of the other files (layouts, images), as every host composes through it.
        SiteWorkspace Workspace() => new SiteSession(BuiltInRules.CreateEngine(), new SiteOptions { Folders = [Path.GetFullPath(corpus)] }).Workspace;
        var workspace = Workspace();
        var composing = BuiltInRules.CreateEngine();
        Row("Razor: full analysis composed (workspace), 1 thread", d => Interlocked.Add(ref sink, composing.Analyze(d, null, workspace).Diagnostics.Count));
        var fresh = Stopwatch.StartNew();
        var freshEngine = BuiltInRules.CreateEngine();
        var freshWorkspace = Workspace();
        var composedCount = 0;
        foreach (var d in razor)
        {
            var result = freshEngine.Analyze(d, null, freshWorkspace);
            composedCount += result.Composition is null ? 0 : 1;
        }

        // What one `smolsp check` pays: every layout read, parsed and analyzed for the first time.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Razor: composed, new engine and workspace (cold caches, warm JIT), 1 thread | {fresh.Elapsed.TotalMilliseconds:0} ms | | | |"));
        Console.WriteLine($"({composedCount} of {razor.Count} Razor files were composed with a layout or Blazor host.)");
        documents = all;

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Peak working set: {self.PeakWorkingSet64 / (1024.0 * 1024.0):0} MB (corpus text held in memory: {documents.Sum(d => (long)d.Text.Length) * 2 / (1024.0 * 1024.0):0} MB); GC heap now {GC.GetTotalMemory(false) / (1024.0 * 1024.0):0} MB, largest heap after a GC {gc.HeapSizeBytes / (1024.0 * 1024.0):0} MB; allocated in total {GC.GetTotalAllocatedBytes() / (1024.0 * 1024.0 * 1024.0):0.0} GB; collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        Console.WriteLine($"Rules: {engine.Descriptors.Count} descriptors. (checksum {sink})");
        return 0;
    }

    /// <summary>../shared/corpus next to the repository, found from the current folder or the tool's own location.</summary>
    private static string DefaultCorpus()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmoLsp.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                }
            }
        }

        return Path.GetFullPath(Path.Combine("..", "shared", "corpus"));
    }
}
