using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmoLsp.Server.Tests.Infrastructure;

/// <summary>
/// A JSON Schema validator for the keywords the SARIF 2.1.0 schema uses (draft-04): <c>$ref</c> to
/// <c>#/definitions/...</c>, <c>type</c>, <c>enum</c>, <c>properties</c>, <c>additionalProperties</c>, <c>required</c>,
/// <c>items</c>, <c>minItems</c>, <c>uniqueItems</c>, <c>minimum</c>, <c>maximum</c>, <c>pattern</c>, <c>format</c> (uri,
/// uri-reference, date-time), <c>anyOf</c>, <c>oneOf</c>. No JSON-schema package restores on these machines
/// (JsonSchema.Net's dependencies are missing), and an unknown keyword fails loudly so the subset cannot silently
/// shrink what is checked.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> s_annotations = ["$schema", "id", "title", "description", "default"];

    private readonly JsonElement _root;

    public JsonSchemaValidator(JsonElement root)
    {
        _root = root;
    }

    public static JsonSchemaValidator Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement);

    /// <summary>Every violation, as "instance path: problem"; empty when the instance is valid.</summary>
    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Validate(instance, _root, "$", errors);
        return errors;
    }

    private void Validate(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            // Draft-04: a $ref replaces the schema it appears in.
            Validate(instance, Resolve(reference.GetString()!), path, errors);
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    var types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToList() : [value.GetString()!];
                    if (!types.Any(t => HasType(instance, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {instance.ValueKind}");
                    }

                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(e => JsonElement.DeepEquals(e, instance)))
                    {
                        errors.Add($"{path}: {instance.GetRawText()} is not one of {value.GetRawText()}");
                    }

                    break;
                case "properties":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in value.EnumerateObject())
                        {
                            if (instance.TryGetProperty(property.Name, out var child))
                            {
                                Validate(child, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        var declared = schema.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
                        foreach (var property in instance.EnumerateObject().Where(p => !declared.Contains(p.Name)))
                        {
                            if (value.ValueKind == JsonValueKind.False)
                            {
                                errors.Add($"{path}: property '{property.Name}' is not allowed");
                            }
                            else
                            {
                                Validate(property.Value, value, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "required":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var name in value.EnumerateArray().Select(n => n.GetString()!))
                        {
                            if (!instance.TryGetProperty(name, out _))
                            {
                                errors.Add($"{path}: required property '{name}' is missing");
                            }
                        }
                    }

                    break;
                case "items":
                    if (instance.ValueKind == JsonValueKind.Array)
                    {
                        var i = 0;
                        foreach (var item in instance.EnumerateArray())
                        {
                            Validate(item, value, $"{path}[{i++}]", errors);
                        }
                    }

                    break;
                case "minItems":
                    if (instance.ValueKind == JsonValueKind.Array && instance.GetArrayLength() < value.GetInt32())
                    {
                        errors.Add($"{path}: fewer than {value.GetInt32()} items");
                    }

                    break;
                case "uniqueItems":
                    if (value.GetBoolean() && instance.ValueKind == JsonValueKind.Array)
                    {
                        var items = instance.EnumerateArray().ToList();
                        for (var a = 0; a < items.Count; a++)
                        {
                            for (var b = a + 1; b < items.Count; b++)
                            {
                                if (JsonElement.DeepEquals(items[a], items[b]))
                                {
                                    errors.Add($"{path}: items {a} and {b} are equal");
                                }
                            }
                        }
                    }

                    break;
                case "minimum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() < value.GetDouble())
                    {
                        errors.Add($"{path}: {instance.GetDouble()} is below the minimum {value.GetDouble()}");
                    }

                    break;
                case "maximum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() > value.GetDouble())
                    {
                        errors.Add($"{path}: {instance.GetDouble()} is above the maximum {value.GetDouble()}");
                    }

                    break;
                case "pattern":
                    if (instance.ValueKind == JsonValueKind.String && !Regex.IsMatch(instance.GetString()!, value.GetString()!))
                    {
                        errors.Add($"{path}: '{instance.GetString()}' does not match {value.GetString()}");
                    }

                    break;
                case "format":
                    if (instance.ValueKind == JsonValueKind.String && !HasFormat(instance.GetString()!, value.GetString()!))
                    {
                        errors.Add($"{path}: '{instance.GetString()}' is not a valid {value.GetString()}");
                    }

                    break;
                case "anyOf":
                    if (!value.EnumerateArray().Any(s => IsValid(instance, s, path)))
                    {
                        errors.Add($"{path}: matches none of anyOf");
                    }

                    break;
                case "oneOf":
                    var matches = value.EnumerateArray().Count(s => IsValid(instance, s, path));
                    if (matches != 1)
                    {
                        errors.Add($"{path}: matches {matches} of oneOf, expected exactly 1");
                    }

                    break;
                case "definitions":
                    break;
                default:
                    if (!s_annotations.Contains(keyword.Name))
                    {
                        throw new NotSupportedException($"Schema keyword '{keyword.Name}' is not implemented by this validator.");
                    }

                    break;
            }
        }
    }

    private bool IsValid(JsonElement instance, JsonElement schema, string path)
    {
        var errors = new List<string>();
        Validate(instance, schema, path, errors);
        return errors.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are implemented: {reference}");
        }

        var node = _root;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    private static bool HasFormat(string value, string format) => format switch
    {
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        "uri-reference" => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _),
        "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => throw new NotSupportedException($"Unknown format '{format}'."),
    };
}
