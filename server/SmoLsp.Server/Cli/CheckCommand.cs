using System.CommandLine;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>What the process is attached to: decides colour and the progress line. Tests run with none.</summary>
public sealed record TerminalInfo(bool StdoutIsTerminal, bool StderrIsTerminal, bool NoColor)
{
    public static readonly TerminalInfo None = new(false, false, true);

    /// <summary>The real console. <c>NO_COLOR</c> counts when set to anything but the empty string (no-color.org).</summary>
    public static TerminalInfo FromConsole() => new(
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
}

/// <summary>The <c>check</c> command line: parses options into <see cref="CheckOptions"/> and hands them to <see cref="CheckRunner"/>.</summary>
public static class CheckCommand
{
    public static Command Create(TerminalInfo? terminal = null, TextReader? stdin = null)
    {
        terminal ??= TerminalInfo.None;
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, folders and URLs to check (default: the current folder). Folders are searched for *.html, *.htm, *.cshtml and *.razor, skipping bin, obj, node_modules, hidden folders and what .smolspignore lists. A URL (http:// or https://) is fetched and the page the server sends is checked (see --crawl).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        // System.CommandLine hands an unknown "--bogus" to the paths argument, which would then call it a missing file.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                {
                    result.AddError($"{token.Value}: unknown option for 'smolsp check' (a path that starts with '-' can be written ./{token.Value})");
                }
            }
        });
        var format = new Option<string[]>("--format", "-f")
        {
            Description = "Report format, optionally written to a file: text, json, sarif, github, junit, checkstyle, gitlab, html. Repeatable: --format text --format sarif=smolsp.sarif. At most one report goes to standard output.",
            HelpName = "FORMAT[=FILE]",
            Arity = ArgumentArity.OneOrMore,
        };
        EachValue(format, value => ReportTarget.TryParse(value, out _), value => $"--format {value}: expected one of {string.Join(", ", ReportTarget.Names)}, optionally =FILE");
        var failOn = FailOnOption("Exit 1 when a problem at or above this severity is found.");
        var maxWarnings = new Option<int?>("--max-warnings")
        {
            Description = "Exit 1 when there are more than N warnings (counted before --quiet), whatever --fail-on says.",
            HelpName = "N",
        };
        var rule = new Option<string[]>("--rule")
        {
            Description = "Override a rule's severity for this run, e.g. --rule SMO203=off (repeatable, the last one wins; off, hint, info, warning, error; * means every rule). Wins over smolsp.json and .editorconfig.",
            HelpName = "ID=severity",
            Arity = ArgumentArity.ZeroOrMore,
        };
        EachValue(rule, value => TryParseRuleOverride(value, out _), value => $"--rule {value}: expected ID=severity, e.g. SMO203=off (severity: off, hint, info, warning, error)");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Report errors only (the exit code still counts everything at or above --fail-on)." };
        var fix = new Option<bool>("--fix") { Description = "Apply safe fixes to the files, then report what is left. With --stdin, print the fixed text instead." };
        var fixDryRun = new Option<bool>("--fix-dry-run") { Description = "Print what --fix would change as a unified diff on standard output (reports go to standard error); change nothing." };
        var config = new Option<string>("--config", "-c")
        {
            Description = "Use this configuration file for every file, instead of the nearest smolsp.json above each one.",
            HelpName = "FILE",
        };
        var printConfig = new Option<string>("--print-config")
        {
            Description = "Print the settings that apply to a file as JSON (configuration file, site settings, each rule's severity and thresholds and where they come from), then exit.",
            HelpName = "PATH",
        };
        var stdinOption = new Option<bool>("--stdin") { Description = "Check one template read from standard input." };
        var stdinFilename = new Option<string>("--stdin-filename")
        {
            Description = "The name standard input is reported under; its extension picks the language and its folder the configuration.",
            HelpName = "NAME",
        };
        var shard = new Option<string>("--shard")
        {
            Description = "Check only shard I of N (1-based) of the file set, split by a hash of each path: for CI matrices. Cross-page rules (SMO210, SMO211) then compare only this shard's pages, unless --site-facts hands them to `smolsp merge`.",
            HelpName = "I/N",
        };
        Require(shard, value => value is null || Shard.TryParse(value, out _), value => $"--shard {value}: expected I/N with 1 <= I <= N, e.g. --shard 2/4");
        var siteFacts = new Option<string>("--site-facts")
        {
            Description = "Write this run's pages' facts for the cross-page rules (SMO210, SMO211, SMO212, SMO411) to FILE instead of reporting those rules: `smolsp merge` runs them over every shard's file (CI matrices, docs/ci.md).",
            HelpName = "FILE",
        };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the text report (also: the NO_COLOR environment variable; colour is only used on a terminal)." };

        var watch = new Option<bool>("--watch", "-w") { Description = "Keep watching: re-check what each file change affects and print only new (+) and resolved (-) problems, until Ctrl+C." };

        var allowPlugins = new Option<bool>("--allow-plugins")
        {
            Description = "Load the rule plugins that smolsp.json names. A plugin runs its code, so they load only when you allow it (here, or by listing the folder in ~/.config/smolsp/trusted.json).",
        };

        var crawl = new Option<bool>("--crawl") { Description = "With URLs: also check the same-origin pages they link to and the site's sitemaps, breadth-first, as robots.txt allows." };
        var maxPages = new Option<int>("--max-pages") { Description = "The most pages a URL check fetches.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one request may take, redirects and body included.", DefaultValueFactory = _ => 10, HelpName = "SECONDS" };
        var timeBudget = new Option<double>("--time-budget") { Description = "Seconds all requests of the run may take; pages not fetched by then are reported as not checked.", DefaultValueFactory = _ => 300, HelpName = "SECONDS" };
        var userAgent = new Option<string>("--user-agent")
        {
            Description = "The User-Agent header (its product token is the robots.txt user agent), e.g. \"facebookexternalhit/1.1\" to see what Facebook gets.",
            HelpName = "TEXT",
        };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Keep share-image and page-URL answers in this folder between runs (revalidated by ETag/Last-Modified, reused while fresh).", HelpName = "DIR" };
        var online = new Option<bool>("--online") { Description = "Also fetch the absolute og:image, twitter:image, og:url and canonical URLs that templates name and judge what they answer. Without it (or a URL to check), smolsp makes no request." };
        var sameOriginOnly = new Option<bool>("--same-origin-only") { Description = "Fetch only from the sites being checked (and siteUrl, which they stand in for): images and page URLs on other hosts are not judged." };
        foreach (var positive in new[] { maxPages, concurrency })
        {
            Require(positive, value => value >= 1, _ => $"{positive.Name} must be 1 or more");
        }

        foreach (var seconds in new[] { timeout, timeBudget })
        {
            Require(seconds, value => value is > 0 and <= 86_400, _ => $"{seconds.Name} must be a number of seconds above 0 (at most a day)");
        }

        var command = new Command("check", "Check templates and report SMO problems. Exit codes: 0 nothing at or above --fail-on (and no more warnings than --max-warnings), 1 problems at or above it, 2 usage, configuration or internal error.")
        {
            paths, format, failOn, maxWarnings, rule, quiet, fix, fixDryRun, config, printConfig, stdinOption, stdinFilename, shard, siteFacts, noColor, allowPlugins, watch,
            crawl, maxPages, concurrency, timeout, timeBudget, userAgent, cacheDir, online, sameOriginOnly,
        };
        command.SetAction(parseResult =>
        {
            var reports = (parseResult.GetValue(format) ?? []).Select(v => ReportTarget.TryParse(v, out var t) ? t : new ReportTarget(ReportFormat.Text)).ToArray();
            var options = new CheckOptions
            {
                Paths = parseResult.GetValue(paths) ?? [],
                Reports = reports,
                FailOn = FailLevel(parseResult, failOn),
                MaxWarnings = parseResult.GetValue(maxWarnings),
                RuleOverrides = (parseResult.GetValue(rule) ?? []).Select(v => TryParseRuleOverride(v, out var o) ? o : default).ToArray(),
                Quiet = parseResult.GetValue(quiet),
                Fix = parseResult.GetValue(fix),
                FixDryRun = parseResult.GetValue(fixDryRun),
                ConfigFile = parseResult.GetValue(config),
                AllowPlugins = parseResult.GetValue(allowPlugins),
                Stdin = parseResult.GetValue(stdinOption),
                StdinFilename = parseResult.GetValue(stdinFilename),
                Shard = parseResult.GetValue(shard) is { } s && Shard.TryParse(s, out var parsed) ? parsed : null,
                SiteFactsFile = parseResult.GetValue(siteFacts),
                Color = terminal.StdoutIsTerminal && !terminal.NoColor && !parseResult.GetValue(noColor),
                Progress = terminal.StderrIsTerminal,
                Online = parseResult.GetValue(online),
                Web = new Site.Web.WebOptions
                {
                    Crawl = parseResult.GetValue(crawl),
                    MaxPages = parseResult.GetValue(maxPages),
                    Concurrency = parseResult.GetValue(concurrency),
                    Timeout = TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                    TimeBudget = TimeSpan.FromSeconds(parseResult.GetValue(timeBudget)),
                    UserAgent = parseResult.GetValue(userAgent) is { Length: > 0 } ua ? ua : Site.Web.WebOptions.DefaultUserAgent,
                    CacheDirectory = parseResult.GetValue(cacheDir) is { } dir ? Path.GetFullPath(dir) : null,
                    SameOriginOnly = parseResult.GetValue(sameOriginOnly),
                },
            };
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(printConfig) is { } printPath)
            {
                return new PrintConfigCommand(output, error).Run(printPath, options);
            }

            if (parseResult.GetValue(watch))
            {
                if (options.Paths.Any(Site.Web.WebAddresses.IsUrl))
                {
                    error.WriteLine("smolsp: error: --watch follows file changes; a served page (a URL) has none to follow: check it without --watch");
                    return ExitCodes.Error;
                }

                return new WatchRunner(output, error).Run(options);
            }

            return new CheckRunner(output, error, stdin: stdin).Run(options);
        });
        return command;
    }

    /// <summary><c>--fail-on</c>, shared by <c>check</c> and <c>merge</c>: the lowest severity that makes the exit code 1.</summary>
    internal static Option<string> FailOnOption(string description)
    {
        var option = new Option<string>("--fail-on") { Description = description, DefaultValueFactory = _ => "error", HelpName = "error|warning|info|hint" };
        option.AcceptOnlyFromAmong("error", "warning", "info", "hint");
        return option;
    }

    internal static DiagnosticSeverity FailLevel(ParseResult parseResult, Option<string> failOn)
    {
        SeverityNames.TryParse(parseResult.GetValue(failOn) ?? "error", out var level);
        return level;
    }

    /// <summary>Reports every value of a repeatable option that <paramref name="valid"/> refuses, with its own message.</summary>
    private static void EachValue(Option<string[]> option, Func<string, bool> valid, Func<string, string> error) =>
        option.Validators.Add(result =>
        {
            foreach (var value in (result.GetValueOrDefault<string[]>() ?? []).Where(v => !valid(v)))
            {
                result.AddError(error(value));
            }
        });

    /// <summary>Reports the option's value when <paramref name="valid"/> refuses it.</summary>
    private static void Require<T>(Option<T> option, Func<T?, bool> valid, Func<T?, string> error) =>
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!valid(value))
            {
                result.AddError(error(value));
            }
        });

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
