using System.CommandLine;
using System.Text.Json;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Rules;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>
/// <c>smolsp merge FACTS... [--sarif SHARD.sarif...] [--output merged.sarif]</c>: the step after a CI matrix of
/// <c>check --shard I/N --site-facts FILE</c> jobs. Runs the cross-page rules (SMO210, SMO211, SMO212, SMO411) over every
/// shard's pages, grouped by site as one unsharded run would (<see cref="SiteSession.CrossPageFindings(IEnumerable{ValueTuple{string, PageFacts}})"/>),
/// prints their findings as the text report, and merges the shards' SARIF files with them into one run. Cheap: it
/// reads a few strings per page, no template. Run it from the directory the shards ran in (paths are relative to it).
/// Exit codes as <c>check</c>: 1 when a finding (cross-page, or any shard's SARIF result) is at or above --fail-on.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var facts = new Argument<string[]>("facts") { Description = "The --site-facts files of every shard.", Arity = ArgumentArity.OneOrMore };
        var sarif = new Option<string[]>("--sarif")
        {
            Description = "A shard's SARIF report (repeatable): merged with the cross-page findings into --output.",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the merged SARIF (with --sarif).", HelpName = "FILE" };
        var failOn = CheckCommand.FailOnOption("The lowest severity that makes the exit code 1 (default: error).");
        var command = new Command("merge", "Run the cross-page rules over the site facts of every `check --shard I/N --site-facts FILE` job, and merge their SARIF reports.")
        {
            facts, sarif, output, failOn,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(facts) ?? [], parseResult.GetValue(sarif) ?? [], parseResult.GetValue(output),
            CheckCommand.FailLevel(parseResult, failOn), Environment.CurrentDirectory, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> factsFiles, IReadOnlyList<string> sarifFiles, string? output, DiagnosticSeverity failOn, string cwd, TextWriter stdout, TextWriter stderr)
    {
        if (sarifFiles.Count > 0 && output is null)
        {
            stderr.WriteLine("smolsp merge: error: --sarif needs --output FILE for the merged report");
            return ExitCodes.Error;
        }

        var engine = BuiltInRules.CreateEngine();
        var descriptors = engine.Descriptors;
        var siteRules = engine.Rules.OfType<SiteRule>().Select(r => r.Descriptor).ToList();
        var pages = new List<(string Site, PageFacts Facts)>();
        try
        {
            foreach (var file in factsFiles)
            {
                pages.AddRange(SiteFactsFile.Read(file, cwd, siteRules));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine("smolsp merge: error: " + ex.Message);
            return ExitCodes.Error;
        }

        // A page in two shards' files means the shards overlap (different --shard counts, or a file given twice).
        var duplicate = pages.GroupBy(p => p.Facts.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            stderr.WriteLine($"smolsp merge: error: {SitePaths.Display(duplicate.Key, cwd)} is in more than one facts file: were the shards split alike?");
            return ExitCodes.Error;
        }

        var findings = SiteSession.CrossPageFindings(pages);
        var context = new ReportContext(descriptors, cwd);
        var files = findings.GroupBy(f => SitePaths.Display(f.Path, cwd), StringComparer.Ordinal)
            .Select(file =>
            {
                var all = file.Select(f => (Message: ReportMessages.Of(f, file.Key, cwd), Suppressed: f.Suppression is not null)).ToList();
                var active = all.Where(m => !m.Suppressed).Select(m => m.Message).ToList();
                var suppressed = all.Where(m => m.Suppressed).Select(m => m.Message).ToList();
                active.Sort(ReportMessages.Compare);
                suppressed.Sort(ReportMessages.Compare);
                return new FileReport(file.Key, active, suppressed);
            })
            .ToList();

        var text = new TextReportWriter(context);
        var summary = new CheckSummary { FilesChecked = pages.Count };
        DiagnosticSeverity? highest = null;
        text.WriteStart(stdout);
        foreach (var file in files)
        {
            summary.Add(file.Messages, file.Suppressed.Count);
            highest = Max(highest, file.Messages.Select(m => (DiagnosticSeverity?)m.Severity).Max());
            text.WriteFile(stdout, text.FormatFile(file));
        }

        text.WriteEnd(stdout, summary);
        stdout.Flush();

        if (sarifFiles.Count > 0)
        {
            try
            {
                var full = Path.GetFullPath(output!, cwd);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                using var stream = File.Create(full);
                highest = Max(highest, WriteMergedSarif(sarifFiles, files, context, cwd, stream));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
            {
                stderr.WriteLine("smolsp merge: error: " + ex.Message);
                return ExitCodes.Error;
            }
        }

        return highest is { } h && h >= failOn ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>
    /// Writes one SARIF log: the first shard's run (tool, rules, base URI) with every shard's results, then the
    /// cross-page results (<c>ruleIndex</c> pointing into that run's rules). Streams: one shard's file is in memory at a
    /// time, so merging the reports of a 500,000-page tree costs about its largest shard. Returns the highest level of
    /// the shards' unsuppressed results.
    /// </summary>
    private static DiagnosticSeverity? WriteMergedSarif(IReadOnlyList<string> sarifFiles, List<FileReport> crossPage, ReportContext context, string cwd, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, JsonText.Options);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var executionSuccessful = true;
        DiagnosticSeverity? highest = null;
        var started = false;
        foreach (var file in sarifFiles)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.GetFullPath(file, cwd)));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array || runs.GetArrayLength() == 0)
            {
                throw new InvalidDataException($"{file}: not a SARIF log with a run");
            }

            if (!started)
            {
                started = true;
                writer.WriteStartObject();
                foreach (var property in root.EnumerateObject().Where(p => p.Name != "runs"))
                {
                    property.WriteTo(writer);
                }

                writer.WriteStartArray("runs");
                writer.WriteStartObject();
                var first = Objects(runs, "runs", file).First();
                foreach (var property in first.EnumerateObject().Where(p => p.Name is not ("results" or "invocations")))
                {
                    property.WriteTo(writer);
                }

                var rules = Field(first, "tool", JsonValueKind.Object, file) is { } tool && Field(tool, "driver", JsonValueKind.Object, file) is { } driver
                    ? Field(driver, "rules", JsonValueKind.Array, file)
                    : null;
                var i = 0;
                foreach (var rule in Objects(rules, "rules", file))
                {
                    if (Field(rule, "id", JsonValueKind.String, file) is { } id)
                    {
                        ruleIndex[id.GetString()!] = i;
                    }

                    i++;
                }

                writer.WriteStartArray("results");
            }

            foreach (var run in Objects(runs, "runs", file))
            {
                executionSuccessful &= Objects(Field(run, "invocations", JsonValueKind.Array, file), "invocations", file)
                    .All(i => !i.TryGetProperty("executionSuccessful", out var ok) || ok.ValueKind != JsonValueKind.False);
                foreach (var result in Objects(Field(run, "results", JsonValueKind.Array, file), "results", file))
                {
                    if (!result.TryGetProperty("suppressions", out _) && Field(result, "level", JsonValueKind.String, file) is { } level)
                    {
                        highest = Max(highest, LevelOf(level.GetString()));
                    }

                    result.WriteTo(writer);
                }
            }
        }

        var sarif = new SarifReportWriter(context);
        foreach (var file in crossPage)
        {
            using var fresh = JsonDocument.Parse("[" + sarif.FormatFile(file) + "]");
            foreach (var result in fresh.RootElement.EnumerateArray())
            {
                // The same result check would write, its ruleIndex into the merged run's rules.
                writer.WriteStartObject();
                foreach (var property in result.EnumerateObject().Where(p => p.Name != "ruleIndex"))
                {
                    property.WriteTo(writer);
                    if (property.Name == "ruleId" && ruleIndex.TryGetValue(property.Value.GetString()!, out var index))
                    {
                        writer.WriteNumber("ruleIndex", index);
                    }
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        writer.WriteBoolean("executionSuccessful", executionSuccessful);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return highest;
    }

    /// <summary>A SARIF object's <paramref name="name"/> property, or null when it has none; a value of another kind makes the file no SARIF log.</summary>
    private static JsonElement? Field(JsonElement parent, string name, JsonValueKind kind, string file) =>
        !parent.TryGetProperty(name, out var value) ? null
        : value.ValueKind == kind ? value
        : throw NotSarif(file, $"'{name}' is not {kind switch { JsonValueKind.Object => "an object", JsonValueKind.Array => "an array", _ => "a string" }}");

    /// <summary>The items of a SARIF array of objects (none when the array is absent); any other item makes the file no SARIF log.</summary>
    private static IEnumerable<JsonElement> Objects(JsonElement? array, string name, string file) =>
        array?.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object ? item : throw NotSarif(file, $"an item of '{name}' is not an object")) ?? [];

    private static InvalidDataException NotSarif(string file, string why) => new($"{file}: not a SARIF log: {why}");

    private static DiagnosticSeverity? LevelOf(string? level) => level switch
    {
        "error" => DiagnosticSeverity.Error,
        "warning" => DiagnosticSeverity.Warning,
        "note" => DiagnosticSeverity.Info,
        _ => null,
    };

    private static DiagnosticSeverity? Max(DiagnosticSeverity? a, DiagnosticSeverity? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
