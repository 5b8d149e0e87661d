namespace SmoLsp.Server.Site.Web;

/// <summary>
/// robots.txt as RFC 9309 reads it: the groups whose <c>user-agent</c> matches the crawler's product token
/// (case-insensitive; all such groups merged), else the <c>*</c> groups; within them the longest matching
/// <c>allow</c>/<c>disallow</c> pattern decides (allow wins a tie), <c>*</c> matches any characters and a final <c>$</c>
/// anchors the end. <c>/robots.txt</c> itself is always allowed. Also collects the <c>sitemap</c> lines. Bounded: the
/// caller reads at most 500 KiB, at most 10,000 rules are kept, and a pattern longer than 2,048 characters is ignored,
/// so matching a URL costs at most rules x pattern x path steps.
/// </summary>
public sealed class RobotsTxt
{
    private const int MaxRules = 10_000;
    private const int MaxPatternLength = 2048;

    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsTxt(List<(string Pattern, bool Allow)> rules, List<string> sitemaps, bool disallowAll = false)
    {
        _rules = rules;
        Sitemaps = sitemaps;
        DisallowsAll = disallowAll;
    }

    /// <summary>No robots.txt (a 4xx answer): everything may be crawled.</summary>
    public static readonly RobotsTxt AllowAll = new([], []);

    /// <summary>robots.txt could not be fetched (a 5xx answer, no connection): RFC 9309 says assume everything is disallowed.</summary>
    public static RobotsTxt Unreachable(string why) => new([], [], disallowAll: true) { Problem = why };

    /// <summary>Set when the file was unreachable: why.</summary>
    public string? Problem { get; private init; }

    public bool DisallowsAll { get; }

    /// <summary>The <c>sitemap:</c> URLs it lists (any group), in order.</summary>
    public IReadOnlyList<string> Sitemaps { get; }

    public static RobotsTxt Parse(string text, string agent)
    {
        var matching = new List<(string, bool)>();
        var star = new List<(string, bool)>();
        var sitemaps = new List<string>();
        var groupAgents = new List<string>();
        var inRules = false;
        var named = false;
        var count = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#', 2)[0];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (inRules)
                    {
                        groupAgents.Clear();
                        inRules = false;
                    }

                    groupAgents.Add(value);
                    named |= Matches(value, agent);
                    break;
                case "allow" or "disallow":
                    inRules = true;
                    if (value.Length == 0 || value.Length > MaxPatternLength || count >= MaxRules)
                    {
                        break; // "Disallow:" with nothing allows everything; it is no rule
                    }

                    count++;
                    var rule = (Normalize(value), key == "allow");
                    if (groupAgents.Any(a => Matches(a, agent)))
                    {
                        matching.Add(rule);
                    }
                    else if (groupAgents.Contains("*"))
                    {
                        star.Add(rule);
                    }

                    break;
                case "sitemap":
                    if (sitemaps.Count < 100)
                    {
                        sitemaps.Add(value);
                    }

                    break;
            }
        }

        // A group that names the crawler but has no rules still replaces the * group (an empty group allows all).
        return new RobotsTxt(named ? matching : star, sitemaps);
    }

    /// <summary>The user-agent line's product token equals ours, case-insensitively ("Googlebot/2.1" names Googlebot).</summary>
    private static bool Matches(string line, string agent)
    {
        var token = line.Split('/', ' ')[0];
        return token.Length > 0 && token != "*" && token.Equals(agent, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the crawler may fetch <paramref name="url"/>.</summary>
    public bool IsAllowed(Uri url)
    {
        if (DisallowsAll)
        {
            return false;
        }

        var path = Normalize(url.PathAndQuery);
        if (path == "/robots.txt")
        {
            return true;
        }

        var best = -1;
        var allow = true;
        foreach (var (pattern, isAllow) in _rules)
        {
            var length = pattern.Length;
            if (length < best || (length == best && !isAllow) || !Match(pattern, path))
            {
                continue;
            }

            allow = length > best ? isAllow : allow || isAllow;
            best = length;
        }

        return allow;
    }

    /// <summary>Percent-escapes decoded, so <c>/caf%C3%A9</c> and <c>/café</c> compare equal.</summary>
    private static string Normalize(string path)
    {
        try
        {
            return Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return path;
        }
    }

    /// <summary>Prefix match with <c>*</c> (any run of characters) and a final <c>$</c> (the end); iterative, no recursion.</summary>
    internal static bool Match(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var p = anchored ? pattern[..^1] : pattern;
        int pi = 0, si = 0, star = -1, mark = 0;
        while (true)
        {
            if (pi == p.Length)
            {
                if (!anchored || si == path.Length)
                {
                    return true;
                }
            }
            else if (p[pi] == '*')
            {
                star = pi++;
                mark = si;
                continue;
            }
            else if (si < path.Length && p[pi] == path[si])
            {
                pi++;
                si++;
                continue;
            }

            // Mismatch (or an anchored end not reached): let the last * take one more character.
            if (star < 0 || mark >= path.Length)
            {
                return false;
            }

            pi = star + 1;
            si = ++mark;
        }
    }
}
