using System.Text;
using System.Text.Json;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Configuration;

/// <summary>A configuration problem, located to the file, line and key so a user can go straight to it.</summary>
public sealed record ConfigurationError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: error: {(Key.Length > 0 ? $"'{Key}': " : string.Empty)}{Message}";
}

public sealed record ConfigurationResult(SmoLspConfiguration Configuration, IReadOnlyList<ConfigurationError> Errors)
{
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// Parses <c>smolsp.json</c> text. Comments and trailing commas are allowed; an unknown key, an unknown rule,
/// a wrong type or a malformed value is an error naming the file, the line and the key. Pure: the host reads the file.
/// </summary>
public static class ConfigurationParser
{
    public const string FileName = "smolsp.json";

    /// <summary>
    /// The most entries a list may hold. Real sites list a handful of profiles, globs and plugins; these leave two
    /// orders of magnitude of room and keep what consumes the lists bounded (every page's rules read the profiles,
    /// every walked file is matched against every glob, every plugin is loaded).
    /// </summary>
    public const int MaxProfiles = 1_000;

    /// <inheritdoc cref="MaxProfiles"/>
    public const int MaxGlobs = 1_000;

    /// <inheritdoc cref="MaxProfiles"/>
    public const int MaxPlugins = 100;

    /// <summary>Errors listed per file; one more entry says how many were left out (a generated file can have a million).</summary>
    public const int MaxErrors = 100;

    private static readonly string[] s_topLevelKeys =
        ["$schema", "siteUrl", "siteName", "twitterSite", "profiles", "webRoot", "defaultImage", "engine", "include", "exclude", "plugins", "rules"];

    /// <summary>
    /// Parses a configuration. Plugin rule ids are only known once the plugins load, which needs this parse first
    /// (for <c>plugins</c>), so parsing has two phases: with <paramref name="allRulesKnown"/> false, a file that names
    /// plugins may configure rule ids outside the built-in SMO namespace that <paramref name="knownRules"/> lacks
    /// (they are left out); a host that loaded every plugin parses again with every descriptor and
    /// <paramref name="allRulesKnown"/> true, where any unknown id is an error. An unknown SMO id is always an error.
    /// </summary>
    public static ConfigurationResult Parse(string json, string filePath, IEnumerable<RuleDescriptor> knownRules, bool allRulesKnown = false)
    {
        var rules = knownRules.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json.TrimStart('\uFEFF')))
        {
            return new ConfigurationResult(SmoLspConfiguration.Default with { SourcePath = filePath }, [new ConfigurationError(filePath, 1, 1, string.Empty, "the file is empty; write {} for an empty configuration")]);
        }

        var bytes = Encoding.UTF8.GetBytes(json.Length > 0 && json[0] == '\uFEFF' ? json[1..] : json);
        var errors = new List<ConfigurationError>();
        Node root;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read())
            {
                return new ConfigurationResult(SmoLspConfiguration.Default with { SourcePath = filePath }, [new ConfigurationError(filePath, 1, 1, string.Empty, "the file is empty; write {} for an empty configuration")]);
            }

            var positions = new Positions(bytes);
            root = ReadNode(ref reader, positions);
            if (reader.Read())
            {
                var (line, column) = positions.At(reader.TokenStartIndex);
                return new ConfigurationResult(SmoLspConfiguration.Default with { SourcePath = filePath }, [new ConfigurationError(filePath, line, column, string.Empty, "unexpected content after the configuration object")]);
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            return new ConfigurationResult(SmoLspConfiguration.Default with { SourcePath = filePath }, [new ConfigurationError(filePath, line, column, string.Empty, "invalid JSON: " + FirstSentence(ex.Message))]);
        }

        var config = SmoLspConfiguration.Default with { SourcePath = filePath };
        if (root.Kind != JsonTokenType.StartObject)
        {
            errors.Add(new ConfigurationError(filePath, root.Line, root.Column, string.Empty, "the configuration must be a JSON object"));
            return new ConfigurationResult(config, errors);
        }

        var ruleOptions = new Dictionary<string, RuleOptions>(StringComparer.OrdinalIgnoreCase);
        var deferPluginRules = !allRulesKnown && root.Properties!.Any(p => p.Key.Text == "plugins" && p.Value.Items is { Count: > 0 });
        foreach (var (key, value) in root.Properties!)
        {
            void Error(string message, Node? at = null) => errors.Add(new ConfigurationError(filePath, (at ?? value).Line, (at ?? value).Column, key.Text, message));
            switch (key.Text)
            {
                case "$schema":
                    break;
                case "siteUrl":
                    if (ReadString(value, Error) is { } url)
                    {
                        if (Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http"))
                        {
                            config = config with { SiteUrl = url.TrimEnd('/') };
                        }
                        else
                        {
                            Error($"'{url}' is not an absolute http(s) URL (e.g. \"https://example.com\")");
                        }
                    }

                    break;
                case "siteName":
                    config = config with { SiteName = ReadString(value, Error) };
                    break;
                case "twitterSite":
                    if (ReadString(value, Error) is { } handle)
                    {
                        if (handle.Length > 1 && handle[0] == '@' && handle.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                        {
                            config = config with { TwitterSite = handle };
                        }
                        else
                        {
                            Error($"'{handle}' is not an X handle (e.g. \"@acme\")");
                        }
                    }

                    break;
                case "profiles":
                    var profiles = ReadStringArray(value, Error, MaxProfiles, "profiles");
                    foreach (var (p, node) in profiles)
                    {
                        if (!Uri.TryCreate(p, UriKind.Absolute, out var pu) || (pu.Scheme != "https" && pu.Scheme != "http"))
                        {
                            Error($"'{p}' is not an absolute profile URL", node);
                        }
                    }

                    config = config with { Profiles = profiles.Select(p => p.Value).ToArray() };
                    break;
                case "webRoot":
                    config = config with { WebRoot = ReadString(value, Error) };
                    break;
                case "defaultImage":
                    config = config with { DefaultImage = ReadString(value, Error) };
                    break;
                case "engine":
                    if (ReadString(value, Error) is { } engineName)
                    {
                        if (Site.SiteEngines.TryParse(engineName, out var engine))
                        {
                            config = config with { Engine = engine };
                        }
                        else
                        {
                            Error($"unknown engine '{engineName}'; use one of {string.Join(", ", Site.SiteEngines.Names.Select(n => "\"" + n + "\""))}");
                        }
                    }

                    break;
                case "include":
                    config = config with { Include = ReadStringArray(value, Error, MaxGlobs, "globs").Select(p => p.Value).ToArray() };
                    break;
                case "exclude":
                    config = config with { Exclude = ReadStringArray(value, Error, MaxGlobs, "globs").Select(p => p.Value).ToArray() };
                    break;
                case "plugins":
                    var plugins = ReadStringArray(value, Error, MaxPlugins, "plugins");
                    foreach (var (p, node) in plugins.Where(p => string.IsNullOrWhiteSpace(p.Value)))
                    {
                        Error("must be a path to a rule assembly, relative to this file (e.g. \"tools/AcmeRules/bin/Release/net10.0/AcmeRules.dll\")", node);
                    }

                    config = config with { Plugins = plugins.Select(p => p.Value).Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() };
                    break;
                case "rules":
                    ReadRules(value, filePath, rules, ruleOptions, errors, deferPluginRules);
                    break;
                default:
                    var suggestion = s_topLevelKeys.FirstOrDefault(k => k.Equals(key.Text, StringComparison.OrdinalIgnoreCase));
                    errors.Add(new ConfigurationError(filePath, key.Line, key.Column, key.Text,
                        suggestion is not null ? $"unknown setting; did you mean '{suggestion}'?" : "unknown setting; known settings: " + string.Join(", ", s_topLevelKeys.Skip(1))));
                    break;
            }
        }

        config = config with { Rules = ruleOptions };
        return new ConfigurationResult(config, Listed(errors));
    }

    /// <summary>The first <see cref="MaxErrors"/> errors, and one that says how many more there are.</summary>
    private static List<ConfigurationError> Listed(List<ConfigurationError> errors)
    {
        if (errors.Count <= MaxErrors)
        {
            return errors;
        }

        var next = errors[MaxErrors];
        var listed = errors.GetRange(0, MaxErrors);
        listed.Add(next with { Key = string.Empty, Message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"and {errors.Count - MaxErrors:N0} more errors from here on, not listed") });
        return listed;
    }

    private static void ReadRules(Node value, string filePath, Dictionary<string, RuleDescriptor> rules, Dictionary<string, RuleOptions> result, List<ConfigurationError> errors, bool deferPluginRules)
    {
        if (value.Kind != JsonTokenType.StartObject)
        {
            errors.Add(new ConfigurationError(filePath, value.Line, value.Column, "rules", "must be an object of rule ids, e.g. { \"SMO203\": \"off\" }"));
            return;
        }

        foreach (var (key, node) in value.Properties!)
        {
            var keyPath = "rules." + key.Text;
            if (!rules.TryGetValue(key.Text, out var descriptor))
            {
                if (deferPluginRules && !RuleApi.IsBuiltInNamespace(key.Text))
                {
                    // A plugin's rule: validated when the host parses again with the plugins' descriptors.
                    continue;
                }

                errors.Add(new ConfigurationError(filePath, key.Line, key.Column, keyPath, "unknown rule id; `smolsp rules` lists them"));
                continue;
            }

            if (node.Kind == JsonTokenType.String)
            {
                if (RuleSeverityOf(node, filePath, keyPath, errors) is { } s)
                {
                    result[descriptor.Id] = new RuleOptions(s, new Dictionary<string, double>());
                }

                continue;
            }

            if (node.Kind != JsonTokenType.StartObject)
            {
                errors.Add(new ConfigurationError(filePath, node.Line, node.Column, keyPath, "must be a severity string or an object with \"severity\" and thresholds"));
                continue;
            }

            RuleSeverity? severity = null;
            var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (optionKey, optionValue) in node.Properties!)
            {
                var optionPath = keyPath + "." + optionKey.Text;
                if (optionKey.Text == "severity")
                {
                    severity = optionValue.Kind == JsonTokenType.String
                        ? RuleSeverityOf(optionValue, filePath, optionPath, errors)
                        : Fail(optionValue, optionPath, "must be one of off, hint, info, warning, error");
                    continue;
                }

                var threshold = descriptor.ThresholdList.FirstOrDefault(t => t.Name == optionKey.Text);
                if (threshold is null)
                {
                    var known = descriptor.ThresholdList.Count == 0 ? "this rule has no thresholds, only \"severity\"" : "known: severity, " + string.Join(", ", descriptor.ThresholdList.Select(t => t.Name));
                    errors.Add(new ConfigurationError(filePath, optionKey.Line, optionKey.Column, optionPath, "unknown option; " + known));
                    continue;
                }

                if (optionValue.Kind != JsonTokenType.Number || !double.TryParse(optionValue.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 0)
                {
                    errors.Add(new ConfigurationError(filePath, optionValue.Line, optionValue.Column, optionPath, "must be a non-negative number"));
                    continue;
                }

                thresholds[threshold.Name] = number;
            }

            result[descriptor.Id] = new RuleOptions(severity, thresholds);
        }

        RuleSeverity? Fail(Node at, string key, string message)
        {
            errors.Add(new ConfigurationError(filePath, at.Line, at.Column, key, message));
            return null;
        }
    }

    private static RuleSeverity? RuleSeverityOf(Node node, string filePath, string key, List<ConfigurationError> errors)
    {
        if (SmoLspConfiguration.TryParseSeverity(node.Text, out var s))
        {
            return s;
        }

        errors.Add(new ConfigurationError(filePath, node.Line, node.Column, key, $"'{node.Text}' is not a severity; use off, hint, info, warning or error"));
        return null;
    }

    private static string? ReadString(Node node, Action<string, Node?> error)
    {
        if (node.Kind == JsonTokenType.String)
        {
            return node.Text;
        }

        if (node.Kind == JsonTokenType.Null)
        {
            return null;
        }

        error("must be a string", null);
        return null;
    }

    private static List<(string Value, Node Node)> ReadStringArray(Node node, Action<string, Node?> error, int max, string what)
    {
        var result = new List<(string, Node)>();
        if (node.Kind != JsonTokenType.StartArray)
        {
            error("must be an array of strings", null);
            return result;
        }

        if (node.Items!.Count > max)
        {
            error(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"has {node.Items.Count:N0} entries; at most {max:N0} {what} are read (real sites need a handful)"), null);
            return result;
        }

        foreach (var item in node.Items!)
        {
            if (item.Kind == JsonTokenType.String)
            {
                result.Add((item.Text, item));
            }
            else
            {
                error("must be an array of strings", item);
            }
        }

        return result;
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd(' ', '|');
    }

    private sealed record Node(JsonTokenType Kind, string Text, int Line, int Column)
    {
        public List<(Node Key, Node Value)>? Properties { get; init; }

        public List<Node>? Items { get; init; }
    }

    /// <summary>
    /// Line and column of byte offsets asked for in increasing order, as the reader meets tokens: it moves forward
    /// from the last answer, so the whole file costs one pass (counting from the start for each token made a file
    /// of 100,000 profiles take five minutes).
    /// </summary>
    private sealed class Positions(byte[] bytes)
    {
        private int _offset;
        private int _line = 1;
        private int _lineStart;

        public (int Line, int Column) At(long offset)
        {
            if (offset < _offset)
            {
                (_offset, _line, _lineStart) = (0, 1, 0);
            }

            var end = (int)Math.Min(offset, bytes.Length);
            for (; _offset < end; _offset++)
            {
                if (bytes[_offset] == (byte)'\n')
                {
                    _line++;
                    _lineStart = _offset + 1;
                }
            }

            return (_line, (int)offset - _lineStart + 1);
        }
    }

    private static Node ReadNode(ref Utf8JsonReader reader, Positions positions)
    {
        var (line, column) = positions.At(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var props = new List<(Node, Node)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (kl, kc) = positions.At(reader.TokenStartIndex);
                    var key = new Node(JsonTokenType.PropertyName, reader.GetString() ?? string.Empty, kl, kc);
                    reader.Read();
                    props.Add((key, ReadNode(ref reader, positions)));
                }

                return new Node(JsonTokenType.StartObject, string.Empty, line, column) { Properties = props };
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadNode(ref reader, positions));
                }

                return new Node(JsonTokenType.StartArray, string.Empty, line, column) { Items = items };
            }

            case JsonTokenType.String:
                return new Node(JsonTokenType.String, reader.GetString() ?? string.Empty, line, column);
            case JsonTokenType.Number:
                return new Node(JsonTokenType.Number, Encoding.UTF8.GetString(reader.ValueSpan), line, column);
            default:
                return new Node(reader.TokenType, Encoding.UTF8.GetString(reader.ValueSpan), line, column);
        }
    }
}
