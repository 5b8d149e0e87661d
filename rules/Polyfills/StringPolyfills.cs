using System.Runtime.CompilerServices;

namespace System;

/// <summary>
/// .NET APIs the core uses that netstandard2.0 lacks and the Polyfill package does not provide (rules/MultiTarget.props
/// compiles this folder into the netstandard2.0 builds only). Same names and meaning as the .NET ones, so the code that
/// calls them is the same for both frameworks.
/// </summary>
internal static class StringPolyfills
{
    extension(string)
    {
        /// <summary><c>string.Create(CultureInfo.InvariantCulture, $"...")</c>.</summary>
        public static string Create(IFormatProvider? provider, [InterpolatedStringHandlerArgument(nameof(provider))] ref DefaultInterpolatedStringHandler handler) =>
            handler.ToStringAndClear();
    }

    /// <summary><c>sb.Append(CultureInfo.InvariantCulture, $"...")</c>.</summary>
    public static Text.StringBuilder Append(this Text.StringBuilder sb, IFormatProvider? provider,
        [InterpolatedStringHandlerArgument(nameof(sb), nameof(provider))] ref Text.AppendInterpolatedStringHandler handler) => sb;

    /// <summary><c>text.Replace(old, new, StringComparison.Ordinal)</c>.</summary>
    public static string Replace(this string text, string oldValue, string? newValue, StringComparison comparison)
    {
        if (string.IsNullOrEmpty(oldValue))
        {
            throw new ArgumentException("The value cannot be an empty string.", nameof(oldValue));
        }

        var at = text.IndexOf(oldValue, comparison);
        if (at < 0)
        {
            return text;
        }

        var sb = new Text.StringBuilder(text.Length);
        var from = 0;
        while (at >= 0)
        {
            sb.Append(text, from, at - from).Append(newValue);
            from = at + oldValue.Length;
            at = text.IndexOf(oldValue, from, comparison);
        }

        return sb.Append(text, from, text.Length - from).ToString();
    }
}
