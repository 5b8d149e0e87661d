using System.Text.Json.Nodes;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>Applies LSP text edits (UTF-16 positions) to a text the way an editor does: all against the original, last first.</summary>
public static class LspEdits
{
    public static string Apply(string text, JsonArray edits)
    {
        var lines = LineMap.Create(text);
        var resolved = edits.Select(e =>
        {
            var range = e!["range"]!;
            var start = lines.GetOffset(new LinePosition((int)range["start"]!["line"]!, (int)range["start"]!["character"]!), text);
            var end = lines.GetOffset(new LinePosition((int)range["end"]!["line"]!, (int)range["end"]!["character"]!), text);
            return (Start: start, End: end, NewText: (string)e["newText"]!);
        }).Select((e, i) => (e.Start, e.End, e.NewText, Index: i)).OrderByDescending(e => e.Start).ThenByDescending(e => e.Index).ToList();
        foreach (var (start, end, newText, _) in resolved)
        {
            text = text[..start] + newText + text[end..];
        }

        return text;
    }

    /// <summary>The edits of <paramref name="uri"/> in a WorkspaceEdit, from <c>documentChanges</c> or <c>changes</c>.</summary>
    public static JsonArray EditsFor(JsonNode workspaceEdit, string uri)
    {
        if (workspaceEdit["documentChanges"] is JsonArray documentChanges)
        {
            var result = new JsonArray();
            foreach (var change in documentChanges)
            {
                if ((string?)change!["textDocument"]!["uri"] == uri)
                {
                    foreach (var edit in change["edits"]!.AsArray())
                    {
                        result.Add(edit!.DeepClone());
                    }
                }
            }

            return result;
        }

        return workspaceEdit["changes"]![uri]!.AsArray();
    }
}
