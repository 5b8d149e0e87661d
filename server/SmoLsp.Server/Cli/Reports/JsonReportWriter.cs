using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SmoLsp.Server.Cli;

/// <summary>Writes JSON values to a string: how formats build each file's part on the worker thread.</summary>
internal static class JsonText
{
    // Relaxed escaping: messages quote markup ("<title>"), which the default encoder would turn into \u003C.
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, indented ? Options with { Indented = true } : Options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>
/// A JSON array with one object per checked file (ESLint's shape): <c>{"filePath", "messages": [{"ruleId", "severity",
/// "message", "line", "column", "endLine", "endColumn"}], "suppressedMessages": [...]}</c>. One file per line, so diffs of
/// two runs stay readable. Cross-page findings are in their file's object, like the others.
/// </summary>
public sealed class JsonReportWriter(ReportContext context) : JsonArrayReportWriter(context)
{
    public override string FormatFile(FileReport file) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("filePath", file.DisplayPath);
        WriteMessages(json, "messages", file.Messages);
        WriteMessages(json, "suppressedMessages", file.Suppressed);
        json.WriteEndObject();
    });

    private static void WriteMessages(Utf8JsonWriter json, string name, IReadOnlyList<ReportMessage> messages)
    {
        json.WriteStartArray(name);
        foreach (var m in messages)
        {
            WriteMessage(json, m);
        }

        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, ReportMessage m)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", m.RuleId);
        json.WriteString("severity", m.Severity.ToName());
        json.WriteString("message", m.Message);
        json.WriteNumber("line", m.Line);
        json.WriteNumber("column", m.Column);
        json.WriteNumber("endLine", m.EndLine);
        json.WriteNumber("endColumn", m.EndColumn);
        if (m.SuppressedBecause is { } because)
        {
            // ESLint's shape for a suppressed message.
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "directive");
            json.WriteString("justification", because);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
