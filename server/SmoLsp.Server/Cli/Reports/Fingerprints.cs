using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmoLsp.Server.Cli;

/// <summary>
/// Fingerprints that identify a problem across runs and commits, so code scanning and GitLab Code Quality can tell
/// "fixed" from "moved": a hash of the file's path, the rule id, the text the problem flags (whitespace collapsed) and
/// which occurrence of that (rule, text) pair in the file it is. No line number: inserting lines above a problem
/// does not change it; editing the flagged tag does, as it should.
/// </summary>
public static class Fingerprints
{
    /// <summary>
    /// The first 128 bits of a fingerprint's hash, written as 32 lower-case hex digits (<see cref="Format"/>). Two
    /// 64-bit halves, not a UInt128: ReadyToRun does not precompile code that holds one, so every method that touched a
    /// report message was compiled at start-up instead.
    /// </summary>
    public readonly record struct Value(ulong High, ulong Low)
    {
        public bool IsEmpty => High == 0 && Low == 0;
    }

    public static Value Compute(string path, string ruleId, string flaggedText, int occurrence)
    {
        var input = string.Create(CultureInfo.InvariantCulture, $"smolsp/v1\0{path}\0{ruleId}\0{Collapse(flaggedText)}\0{occurrence}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return new Value(BinaryPrimitives.ReadUInt64BigEndian(hash), BinaryPrimitives.ReadUInt64BigEndian(hash.AsSpan(8)));
    }

    public static string Format(Value fingerprint) => string.Create(CultureInfo.InvariantCulture, $"{fingerprint.High:x16}{fingerprint.Low:x16}");

    /// <summary>Counts occurrences of (rule, text) in report order, so each problem gets its index.</summary>
    public sealed class Occurrences
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public int Next(string ruleId, string flaggedText)
        {
            var key = ruleId + "\0" + Collapse(flaggedText); // a rule id is letters and digits: NUL keeps the pair apart
            var n = _seen.GetValueOrDefault(key);
            _seen[key] = n + 1;
            return n;
        }
    }

    private static string Collapse(string text)
    {
        // Re-indenting a tag or changing its line endings is not a new problem.
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
