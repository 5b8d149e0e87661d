using System.CommandLine;
using SmoLsp.Analysis.Configuration;

namespace SmoLsp.Server.Cli;

/// <summary>The <c>check</c> command line: parses options into <see cref="CheckOptions"/> and hands them to <see cref="CheckRunner"/>.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and folders to check (default: the current folder). Folders are searched for *.html, *.htm, *.cshtml and *.razor, skipping bin, obj, node_modules and hidden folders.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Report format: text (one line per problem and a summary) or json (one object per file).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a problem at or above this severity is found.",
            DefaultValueFactory = _ => "error",
            HelpName = "error|warning|info|hint",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "hint");
        var rule = new Option<string[]>("--rule")
        {
            Description = "Override a rule's severity for this run, e.g. --rule SMO203=off (repeatable; off, hint, info, warning, error).",
            HelpName = "ID=severity",
            Arity = ArgumentArity.ZeroOrMore,
        };
        rule.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!TryParseRuleOverride(value, out _))
                {
                    result.AddError($"--rule {value}: expected ID=severity, e.g. SMO203=off (severity: off, hint, info, warning, error)");
                }
            }
        });
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Report errors only (the exit code still counts everything at or above --fail-on)." };
        var fix = new Option<bool>("--fix") { Description = "Apply safe fixes to the files, then report what is left." };
        var config = new Option<string>("--config", "-c")
        {
            Description = "Use this configuration file for every file, instead of the nearest smolsp.json above each one.",
            HelpName = "FILE",
        };

        var watch = new Option<bool>("--watch", "-w") { Description = "Keep watching: re-check what each file change affects and print only new (+) and resolved (-) problems, until Ctrl+C." };

        var command = new Command("check", "Check templates and report SMO problems. Exit codes: 0 nothing at or above --fail-on, 1 problems at or above it, 2 usage, configuration or internal error.") { paths, format, failOn, rule, quiet, fix, config, watch };
        command.SetAction(parseResult =>
        {
            SeverityNames.TryParse(parseResult.GetValue(failOn) ?? "error", out var failLevel);
            var options = new CheckOptions
            {
                Paths = parseResult.GetValue(paths) ?? [],
                Format = parseResult.GetValue(format) == "json" ? ReportFormat.Json : ReportFormat.Text,
                FailOn = failLevel,
                RuleOverrides = (parseResult.GetValue(rule) ?? []).Select(v => TryParseRuleOverride(v, out var o) ? o : default).ToArray(),
                Quiet = parseResult.GetValue(quiet),
                Fix = parseResult.GetValue(fix),
                ConfigFile = parseResult.GetValue(config),
            };
            if (parseResult.GetValue(watch))
            {
                return new WatchRunner(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Run(options);
            }

            return new CheckRunner(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Run(options);
        });
        return command;
    }

    public static bool TryParseRuleOverride(string text, out KeyValuePair<string, RuleSeverity> value)
    {
        value = default;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !SmoLspConfiguration.TryParseSeverity(text[(eq + 1)..], out var severity))
        {
            return false;
        }

        value = new(text[..eq].Trim().ToUpperInvariant(), severity);
        return true;
    }
}
