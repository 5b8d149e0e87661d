namespace System.Text.Unicode;

/// <summary><c>Utf8.IsValid</c> (.NET 8) for netstandard2.0: well-formed UTF-8 as the Unicode standard defines it (no overlong forms, no surrogates, nothing above U+10FFFF).</summary>
internal static class Utf8
{
    public static bool IsValid(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length)
        {
            var b = value[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }

            // The first byte fixes the length and the allowed range of the second byte (Unicode Table 3-7).
            int length;
            byte low = 0x80, high = 0xBF;
            switch (b)
            {
                case >= 0xC2 and <= 0xDF: length = 2; break;
                case 0xE0: length = 3; low = 0xA0; break;
                case >= 0xE1 and <= 0xEC or 0xEE or 0xEF: length = 3; break;
                case 0xED: length = 3; high = 0x9F; break;
                case 0xF0: length = 4; low = 0x90; break;
                case >= 0xF1 and <= 0xF3: length = 4; break;
                case 0xF4: length = 4; high = 0x8F; break;
                default: return false;
            }

            if (i + length > value.Length || value[i + 1] < low || value[i + 1] > high)
            {
                return false;
            }

            for (var k = 2; k < length; k++)
            {
                if (value[i + k] is < 0x80 or > 0xBF)
                {
                    return false;
                }
            }

            i += length;
        }

        return true;
    }
}
