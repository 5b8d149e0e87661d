namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// Checks the ISO 8601 date-times ogp.me's DateTime type uses: a calendar date (year, month, day) with an optional
/// time (hours and minutes, optional seconds and fraction) and an optional UTC offset, in the extended form
/// (<c>2024-03-01T09:30:00+01:00</c>) or the basic form (<c>20240301T0930Z</c>). Pure character checks: the clock
/// and the framework's culture-dependent parsers are never involved.
/// </summary>
internal static class Iso8601DateTime
{
    private const string Example = "write e.g. 2024-03-01 or 2024-03-01T09:30:00+01:00";
    private const string OffsetShape = "the UTC offset must be Z, +hh:mm or -hh:mm; " + Example;
    private const string DateShape = "the date must be year-month-day with a four-digit year and two-digit month and day; " + Example;

    /// <summary>Null when <paramref name="text"/> is valid; otherwise what is wrong and how to write it.</summary>
    public static string? Problem(string text)
    {
        var s = text.Trim();
        var extended = s.Length > 4 && s[4] == '-';
        var pos = 0;

        if (!Digits(s, ref pos, 4, out var year))
        {
            return Example;
        }

        if (!Separator(s, ref pos, extended, '-') || !Digits(s, ref pos, 2, out var month))
        {
            return DateShape;
        }

        if (!Separator(s, ref pos, extended, '-') || !Digits(s, ref pos, 2, out var day))
        {
            return DateShape;
        }

        if (month is < 1 or > 12)
        {
            return $"month {month:00} does not exist; {Example}";
        }

        if (day < 1 || day > DaysInMonth(year, month))
        {
            return $"{year:0000}-{month:00} has no day {day:00}; {Example}";
        }

        if (pos == s.Length)
        {
            return null;
        }

        if (s[pos] == ' ')
        {
            return "separate the date and the time with T, not a space (2024-03-01T09:30); " + Example;
        }

        if (s[pos] is not ('T' or 't'))
        {
            return Example;
        }

        pos++;
        if (!Digits(s, ref pos, 2, out var hour) || !Separator(s, ref pos, extended, ':') || !Digits(s, ref pos, 2, out var minute))
        {
            return "the time needs hours and minutes; " + Example;
        }

        var second = 0;
        if (pos < s.Length && (extended ? s[pos] == ':' : char.IsAsciiDigit(s[pos])))
        {
            if (!Separator(s, ref pos, extended, ':') || !Digits(s, ref pos, 2, out second))
            {
                return Example;
            }

            if (pos < s.Length && s[pos] is '.' or ',')
            {
                pos++;
                var start = pos;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]))
                {
                    pos++;
                }

                if (pos == start)
                {
                    return Example;
                }
            }
        }

        // 60 allows a leap second.
        if (hour > 23 || minute > 59 || second > 60)
        {
            return $"{hour:00}:{minute:00}:{second:00} is not a time of day; {Example}";
        }

        if (pos == s.Length)
        {
            return null;
        }

        if (s[pos] is 'Z' or 'z')
        {
            return pos + 1 == s.Length ? null : Example;
        }

        if (s[pos] is not ('+' or '-'))
        {
            return OffsetShape;
        }

        pos++;
        if (!Digits(s, ref pos, 2, out var offsetHours))
        {
            return OffsetShape;
        }

        // The colon is optional in the offset even in the extended form: +0100 is what many date formatters print.
        var offsetMinutes = 0;
        if (pos < s.Length && s[pos] == ':')
        {
            pos++;
            if (pos == s.Length)
            {
                return OffsetShape;
            }
        }

        if (pos < s.Length && !Digits(s, ref pos, 2, out offsetMinutes))
        {
            return OffsetShape;
        }

        if (pos != s.Length || offsetHours > 23 || offsetMinutes > 59)
        {
            return OffsetShape;
        }

        return null;
    }

    private static bool Digits(string s, ref int pos, int count, out int value)
    {
        value = 0;
        if (pos + count > s.Length)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var c = s[pos + i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        pos += count;
        return true;
    }

    /// <summary>The extended form needs the separator; the basic form must not have one.</summary>
    private static bool Separator(string s, ref int pos, bool extended, char separator)
    {
        if (!extended)
        {
            return true;
        }

        if (pos < s.Length && s[pos] == separator)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
