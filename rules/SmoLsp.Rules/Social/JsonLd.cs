using System.Text;
using System.Text.Json;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.Social;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON value with its span in the template (document offsets), so rules can point inside a JSON-LD block.</summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    public JsonKind Kind { get; }

    public int Start { get; }

    public int End { get; set; }

    public string? String { get; set; }

    public List<JsonProperty> Properties { get; } = [];

    public List<JsonNode> Items { get; } = [];

    public Analysis.Text.TextSpan Span => Analysis.Text.TextSpan.FromBounds(Start, End);

    public JsonProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    public JsonNode? this[string name] => Property(name)?.Value;
}

internal sealed record JsonProperty(string Name, Analysis.Text.TextSpan NameSpan, JsonNode Value);

/// <summary>Where a JSON-LD block stops being JSON: the reader's message and the document offset it points at.</summary>
internal sealed record JsonLdError(string Message, int Offset);

/// <summary>
/// A <c>&lt;script type="application/ld+json"&gt;</c> block read with System.Text.Json. Razor blocks are read with their
/// <c>@@</c> escapes decoded; blocks containing Razor code are not read at all (their JSON exists only at run time).
/// </summary>
internal sealed class JsonLdScript
{
    private static readonly HashSet<string> s_organizationTypes = new(StringComparer.Ordinal)
    {
        "Organization", "Corporation", "LocalBusiness", "OnlineBusiness", "OnlineStore", "NewsMediaOrganization",
        "EducationalOrganization", "GovernmentOrganization", "NGO", "SportsOrganization", "MedicalOrganization",
        "PerformingGroup", "MusicGroup", "ResearchOrganization", "Project", "Cooperative", "Airline", "Consortium",
        "FundingScheme", "LibrarySystem", "PoliticalParty", "WorkersUnion", "SearchRescueOrganization", "Store",
        "Restaurant", "ProfessionalService",
    };

    private JsonLdScript(JsonLdBlock block, JsonNode? root, JsonLdError? error)
    {
        Block = block;
        Root = root;
        Error = error;
    }

    public JsonLdBlock Block { get; }

    public JsonNode? Root { get; }

    public JsonLdError? Error { get; }

    /// <summary>The block read, or null when it contains Razor code.</summary>
    public static JsonLdScript? Read(ParsedTemplate syntax, JsonLdBlock block)
    {
        if (syntax.ContainsCode(block.ContentSpan))
        {
            return null;
        }

        var (text, map) = Decode(block.Text, syntax.Language.IsRazor());
        int ToDocument(int charIndex) => block.ContentSpan.Start + (map is null ? charIndex : map[Math.Clamp(charIndex, 0, map.Length - 1)]);

        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonLdScript(block, null, new JsonLdError("the block is empty", block.ContentSpan.End));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var charOfByte = CharOffsets(text, bytes.Length);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, i => ToDocument(charOfByte[i]));
            if (reader.Read())
            {
                return new JsonLdScript(block, null, new JsonLdError("more than one JSON value in the block", ToDocument(charOfByte[(int)reader.TokenStartIndex])));
            }

            return new JsonLdScript(block, root, null);
        }
        catch (JsonException ex)
        {
            var offset = ByteOffset(bytes, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            return new JsonLdScript(block, null, new JsonLdError(Describe(ex.Message), ToDocument(charOfByte[offset])));
        }
    }

    /// <summary>The entities a block states at top level: the root object, the items of a root array, and the members of <c>@graph</c>.</summary>
    public IEnumerable<JsonNode> TopLevelEntities()
    {
        if (Root is null)
        {
            yield break;
        }

        var roots = Root.Kind == JsonKind.Array ? Root.Items : [Root];
        foreach (var node in roots)
        {
            if (node.Kind != JsonKind.Object)
            {
                continue;
            }

            yield return node;
            if (node["@graph"] is { Kind: JsonKind.Array } graph)
            {
                foreach (var member in graph.Items)
                {
                    if (member.Kind == JsonKind.Object)
                    {
                        yield return member;
                    }
                }
            }
        }
    }

    /// <summary>True for a schema.org Organization (or a common subtype) or Person; <paramref name="type"/> is the <c>@type</c> value.</summary>
    public static bool IsIdentity(JsonNode entity, out JsonNode? type)
    {
        type = entity["@type"];
        return TypeNames(entity).Any(local => local == "Person" || s_organizationTypes.Contains(local));
    }

    /// <summary>The entity's <c>@type</c> names without their vocabulary (<c>https://schema.org/Article</c> is <c>Article</c>).</summary>
    public static IEnumerable<string> TypeNames(JsonNode entity)
    {
        var type = entity["@type"];
        var names = type?.Kind switch
        {
            JsonKind.String => [type],
            JsonKind.Array => type.Items.Where(i => i.Kind == JsonKind.String).ToList(),
            _ => [],
        };
        return names.Select(n => LocalName(n.String!));
    }

    /// <summary>The entities of every readable JSON-LD block of the document.</summary>
    public static IEnumerable<JsonNode> Entities(RuleContext context) =>
        context.Head.JsonLd.Select(block => Read(context.Syntax, block)).OfType<JsonLdScript>().SelectMany(script => script.TopLevelEntities());

    /// <summary>The string entries of <c>sameAs</c> (a string or an array), or an empty list.</summary>
    public static IReadOnlyList<JsonNode> SameAs(JsonNode entity) => entity["sameAs"] switch
    {
        { Kind: JsonKind.String } s => [s],
        { Kind: JsonKind.Array } a => a.Items.Where(i => i.Kind == JsonKind.String).ToList(),
        _ => [],
    };

    // "https://schema.org/Organization", "schema:Organization" -> "Organization"
    private static string LocalName(string type)
    {
        var cut = type.AsSpan().TrimEnd('/').LastIndexOfAny('/', ':', '#');
        return cut < 0 ? type.Trim() : type[(cut + 1)..].Trim();
    }

    private static JsonNode ReadValue(ref Utf8JsonReader reader, Func<int, int> toDocument)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new JsonNode(JsonKind.Object, toDocument(start));
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var nameStart = (int)reader.TokenStartIndex;
                    var name = reader.GetString() ?? string.Empty;
                    var nameSpan = Analysis.Text.TextSpan.FromBounds(toDocument(nameStart), toDocument(nameStart + reader.ValueSpan.Length + 2));
                    reader.Read();
                    node.Properties.Add(new JsonProperty(name, nameSpan, ReadValue(ref reader, toDocument)));
                }

                node.End = toDocument((int)reader.BytesConsumed);
                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new JsonNode(JsonKind.Array, toDocument(start));
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    node.Items.Add(ReadValue(ref reader, toDocument));
                }

                node.End = toDocument((int)reader.BytesConsumed);
                return node;
            }

            case JsonTokenType.String:
                return new JsonNode(JsonKind.String, toDocument(start))
                {
                    String = reader.GetString(),
                    End = toDocument(start + reader.ValueSpan.Length + 2),
                };

            default:
                var kind = reader.TokenType switch
                {
                    JsonTokenType.True => JsonKind.True,
                    JsonTokenType.False => JsonKind.False,
                    JsonTokenType.Null => JsonKind.Null,
                    _ => JsonKind.Number,
                };
                return new JsonNode(kind, toDocument(start)) { End = toDocument(start + reader.ValueSpan.Length) };
        }
    }

    /// <summary>Razor writes '@' as "@@" in markup; JSON-LD keys ("@@context") are read decoded, offsets mapped back.</summary>
    private static (string Text, int[]? Map) Decode(string raw, bool isRazor)
    {
        if (!isRazor || !raw.Contains("@@", StringComparison.Ordinal))
        {
            return (raw, null);
        }

        var sb = new StringBuilder(raw.Length);
        var map = new List<int>(raw.Length + 1);
        for (var i = 0; i < raw.Length; i++)
        {
            map.Add(i);
            sb.Append(raw[i]);
            if (raw[i] == '@' && i + 1 < raw.Length && raw[i + 1] == '@')
            {
                i++;
            }
        }

        map.Add(raw.Length);
        return (sb.ToString(), map.ToArray());
    }

    /// <summary>For each UTF-8 byte offset of <paramref name="text"/>, the UTF-16 offset it belongs to.</summary>
    private static int[] CharOffsets(string text, int byteCount)
    {
        var map = new int[byteCount + 1];
        var b = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int length;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                for (var k = 0; k < 4 && b + k < map.Length; k++)
                {
                    map[b + k] = i;
                }

                b += 4;
                i++;
                continue;
            }

            length = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            for (var k = 0; k < length && b + k < map.Length; k++)
            {
                map[b + k] = i;
            }

            b += length;
        }

        map[byteCount] = text.Length;
        return map;
    }

    /// <summary>The byte offset of a reader position: System.Text.Json counts lines by '\n' and positions in bytes.</summary>
    private static int ByteOffset(byte[] bytes, long line, long bytePositionInLine)
    {
        var offset = 0;
        for (var l = 0L; l < line && offset < bytes.Length; offset++)
        {
            if (bytes[offset] == (byte)'\n')
            {
                l++;
            }
        }

        return (int)Math.Clamp(offset + bytePositionInLine, 0, bytes.Length);
    }

    // "'}' is invalid after a property name. Expected a ':'. LineNumber: 2 | BytePositionInLine: 14." -> without the position.
    private static string Describe(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut < 0 ? message : message[..cut]).Trim();
        return text.EndsWith('.') ? text[..^1] : text;
    }
}
