using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me: og:locale is "of the format language_TERRITORY" (default en_US), and og:locale:alternate lists more of
/// the same. BCP 47 tags (en-US) and bare languages (en) are the usual slips; Facebook matches locales exactly.
/// </summary>
public sealed class SMO012MalformedOgLocale : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO012",
        "og:locale not language_TERRITORY",
        "{0} \"{1}\" is not in ogp.me's language_TERRITORY form: {2}",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    private static readonly string[] s_keys = ["og:locale", "og:locale:alternate"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var key in s_keys)
        {
            foreach (var meta in context.Head.GetMetas(key))
            {
                // Razor expressions are not judged; empty values are SMO007's.
                if (meta.Content is not { IsStatic: true } value || meta.ContentAttribute?.ValueSpan is not { } span)
                {
                    continue;
                }

                var locale = value.NormalizedText;
                if (IsLanguageTerritory(locale))
                {
                    continue;
                }

                if (Mapped(locale) is { } mapped)
                {
                    var fix = new CodeFix($"Write \"{mapped}\"", FixSafety.Safe, [new TextEdit(span, mapped)]);
                    context.Report(span, [key, locale, $"write \"{mapped}\""], [fix]);
                }
                else if (IsLanguage(locale))
                {
                    // Which territory is meant (en_US or en_GB?) is the author's call: no fix.
                    context.Report(span, [key, locale, $"add the territory the content targets, e.g. {locale.ToLowerInvariant()}_{ExampleTerritory(locale)}"]);
                }
                else
                {
                    context.Report(span, [key, locale, "write a lower-case language code, an underscore and an upper-case territory code, e.g. en_US or fr_FR"]);
                }
            }
        }
    }, includeFragments: true);

    /// <summary><c>ll_TT</c> or <c>lll_TT</c>: ISO 639 language, underscore, ISO 3166 territory.</summary>
    private static bool IsLanguageTerritory(string s) =>
        s.Length is 5 or 6 && s[^3] == '_' && IsLetters(s.AsSpan(0, s.Length - 3), upper: false) && IsLetters(s.AsSpan(s.Length - 2), upper: true);

    private static bool IsLanguage(string s) => s.Length is 2 or 3 && s.All(char.IsAsciiLetter);

    /// <summary><c>en-US</c>, <c>en-us</c>, <c>EN_us</c> -> <c>en_US</c>: only separator and case change, nothing is guessed.</summary>
    private static string? Mapped(string s)
    {
        if (s.Length is not (5 or 6) || s[^3] is not ('-' or '_'))
        {
            return null;
        }

        var language = s[..^3];
        var territory = s[^2..];
        return language.All(char.IsAsciiLetter) && territory.All(char.IsAsciiLetter)
            ? language.ToLowerInvariant() + "_" + territory.ToUpperInvariant()
            : null;
    }

    private static bool IsLetters(ReadOnlySpan<char> s, bool upper)
    {
        foreach (var c in s)
        {
            if (upper ? !char.IsAsciiLetterUpper(c) : !char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string ExampleTerritory(string language) => language.ToLowerInvariant() switch
    {
        "en" => "US",
        "ja" => "JP",
        "zh" => "CN",
        "ko" => "KR",
        "sv" => "SE",
        "da" => "DK",
        "cs" => "CZ",
        "el" => "GR",
        "uk" => "UA",
        "he" => "IL",
        "ar" => "SA",
        "hi" => "IN",
        "vi" => "VN",
        "nb" => "NO",
        var l => l.ToUpperInvariant(),
    };
}
