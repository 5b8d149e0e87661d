namespace SmoLsp.Rules;

/// <summary>How far apart two short names are: what "did you mean ...?" suggestions are measured with.</summary>
internal static class EditDistance
{
    /// <summary>
    /// Insertions, deletions, substitutions and swaps of two neighbouring characters, each costing 1 (optimal string
    /// alignment): <c>titel</c> is one edit from <c>title</c>, as a reader counts it.
    /// </summary>
    public static int Between(string a, string b)
    {
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            // Row i lives in rows[i % 3]: the two rows before it are what a swap and an edit look back at.
            var (older, previous, current) = (rows[(i + 1) % 3], rows[(i + 2) % 3], rows[i % 3]);
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, older[j - 2] + 1);
                }

                current[j] = best;
            }
        }

        return rows[a.Length % 3][b.Length];
    }
}
