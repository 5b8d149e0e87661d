using System.Globalization;
using System.Text;

namespace SmoLsp.Server.Cli;

/// <summary>
/// A unified diff of two versions of one file (<c>--fix-dry-run</c>), in the form <c>git apply</c> and <c>patch -p1</c>
/// take: <c>--- a/path</c>, <c>+++ b/path</c>, hunks with three lines of context. Lines keep their own endings, so a
/// CRLF file's diff applies to it byte for byte.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>Above this many differing lines the diff is one hunk: fixes change a few lines, and Myers' trace grows with the square.</summary>
    private const int MaxEditDistance = 4000;

    public static string Create(string path, string before, string after)
    {
        if (before == after)
        {
            return string.Empty;
        }

        var a = SplitLines(before);
        var b = SplitLines(after);
        var script = Diff(a, b);
        var sb = new StringBuilder();
        sb.Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');

        // Group the edit script into hunks: changes closer than 2 * Context lines share one.
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            var lastChange = i;
            while (end < script.Count)
            {
                if (script[end].Kind != ' ')
                {
                    lastChange = end;
                }
                else if (end - lastChange > 2 * Context)
                {
                    break;
                }

                end++;
            }

            end = Math.Min(script.Count, lastChange + Context + 1);
            WriteHunk(sb, script, start, end);
            i = end;
        }

        return sb.ToString();
    }

    private readonly record struct Edit(char Kind, string Line, int OldIndex, int NewIndex);

    private static void WriteHunk(StringBuilder sb, List<Edit> script, int start, int end)
    {
        var hunk = script.GetRange(start, end - start);
        var old = hunk.Where(e => e.Kind != '+').ToList();
        var now = hunk.Where(e => e.Kind != '-').ToList();

        // A hunk that only adds lines gives the old start as the line before the insertion (0 at the top).
        var oldStart = old.Count == 0 ? script[start].OldIndex : old[0].OldIndex + 1;
        var newStart = now.Count == 0 ? script[start].NewIndex : now[0].NewIndex + 1;
        sb.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{old.Count} +{newStart},{now.Count} @@\n");
        for (var k = start; k < end; k++)
        {
            var line = script[k].Line;
            sb.Append(script[k].Kind).Append(line);
            if (!line.EndsWith('\n'))
            {
                sb.Append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Myers' O(ND) shortest edit script, after trimming the common head and tail.</summary>
    private static List<Edit> Diff(List<string> a, List<string> b)
    {
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
        {
            tail++;
        }

        var script = new List<Edit>(a.Count + b.Count);
        script.AddRange(Enumerable.Range(0, head).Select(k => new Edit(' ', a[k], k, k)));
        script.AddRange(Middle(a, b, head, a.Count - head - tail, b.Count - head - tail));
        script.AddRange(Enumerable.Range(0, tail).Select(k => new Edit(' ', a[a.Count - tail + k], a.Count - tail + k, b.Count - tail + k)));
        return script;
    }

    private static List<Edit> Middle(List<string> a, List<string> b, int offset, int n, int m)
    {
        var max = n + m;
        var edits = new List<Edit>(max);
        if (max == 0)
        {
            return edits;
        }

        if (n == 0 || m == 0 || max > 2 * MaxEditDistance + 2)
        {
            return Replace(a, b, offset, n, m);
        }

        var limit = Math.Min(max, MaxEditDistance);
        var v = new int[2 * limit + 2];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= limit && found < 0; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[limit + k - 1] < v[limit + k + 1]) ? v[limit + k + 1] : v[limit + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[offset + x] == b[offset + y])
                {
                    x++;
                    y++;
                }

                v[limit + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            return Replace(a, b, offset, n, m);
        }

        // Walk the trace back from (n, m) to (0, 0).
        var cx = n;
        var cy = m;
        var reversed = new List<Edit>();
        for (var d = found; d > 0; d--)
        {
            var pv = trace[d];
            var k = cx - cy;
            var prevK = k == -d || (k != d && pv[limit + k - 1] < pv[limit + k + 1]) ? k + 1 : k - 1;
            var prevX = pv[limit + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                reversed.Add(new Edit(' ', a[offset + cx], offset + cx, offset + cy));
            }

            if (cx == prevX)
            {
                cy--;
                reversed.Add(new Edit('+', b[offset + cy], offset + cx, offset + cy));
            }
            else
            {
                cx--;
                reversed.Add(new Edit('-', a[offset + cx], offset + cx, offset + cy));
            }
        }

        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            reversed.Add(new Edit(' ', a[offset + cx], offset + cx, offset + cy));
        }

        reversed.Reverse();
        return reversed;
    }

    private static List<Edit> Replace(List<string> a, List<string> b, int offset, int n, int m) =>
        [.. Enumerable.Range(0, n).Select(k => new Edit('-', a[offset + k], offset + k, offset)), .. Enumerable.Range(0, m).Select(k => new Edit('+', b[offset + k], offset + n, offset + k))];
}
