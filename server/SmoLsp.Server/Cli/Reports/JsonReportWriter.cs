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
public sealed class JsonReportWriter : ReportWriter
{
    private bool _first = true;

    public JsonReportWriter(ReportContext context)
        : base(context)
    {
    }

    public override string FormatFile(FileReport file) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("filePath", file.DisplayPath);
        json.WriteStartArray("messages");
        foreach (var m in file.Messages)
        {
            WriteMessage(json, m);
        }

        json.WriteEndArray();
        json.WriteStartArray("suppressedMessages");
        foreach (var m in file.Suppressed)
        {
            WriteMessage(json, m);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

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

    public override void WriteStart(TextWriter output) => output.Write('[');

    public override void WriteFile(TextWriter output, string formatted)
    {
        output.Write(_first ? "\n" : ",\n");
        _first = false;
        output.Write(formatted);
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary) => output.Write(_first ? "]\n" : "\n]\n");
}
