using System.Text.RegularExpressions;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// A fediverse account, <c>@user@instance</c>: what Mastodon's <c>fediverse:creator</c> names. Mastodon resolves the
/// value as <c>user@domain</c> after dropping one leading <c>@</c> (ResolveAccountService), so both forms work; the
/// settings page gives the <c>@user@instance</c> form.
/// </summary>
internal sealed partial record FediverseAccount(string User, string Host)
{
    public string Handle => "@" + User + "@" + Host;

    /// <summary>True when both name the same account (user names and hosts compare case-insensitively).</summary>
    public bool Is(FediverseAccount other) =>
        User.Equals(other.User, StringComparison.OrdinalIgnoreCase) && Host.Equals(other.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>@user@host</c> or <c>user@host</c> (a host with a dot), or null.</summary>
    public static FediverseAccount? Parse(string value)
    {
        var match = HandlePattern().Match(value.Trim());
        return match.Success ? new FediverseAccount(match.Groups["user"].Value, match.Groups["host"].Value) : null;
    }

    /// <summary>The fediverse accounts among the configured <c>profiles</c> (profile URLs such as <c>https://mastodon.social/@acme</c>).</summary>
    public static IReadOnlyList<FediverseAccount> Configured(SmoLspConfiguration configuration) =>
        [.. configuration.Profiles.Select(p => WebUrl.Parse(p) is { } target ? SocialLinks.FediverseAccountOf(target) : null).OfType<FediverseAccount>()];

    [GeneratedRegex(@"^@?(?<user>[A-Za-z0-9_][A-Za-z0-9_.\-]*)@(?<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)$")]
    private static partial Regex HandlePattern();
}
