using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// Mastodon (4.3+) links a shared article to its author's fediverse account when the page says
/// <c>&lt;meta name="fediverse:creator" content="@user@instance"&gt;</c> (Mastodon's PreviewCard <c>authors</c>, and the
/// tag its profile settings give). It resolves the value as <c>user@domain</c>: a profile URL, a bare <c>@user</c> (read
/// as an account on the reader's own server) or a name resolves to no account, or to someone else's.
/// </summary>
public sealed class SMO509MalformedFediverseCreator : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO509",
        "fediverse:creator is not @user@instance",
        "fediverse:creator is '{0}': Mastodon reads it as an account address, @user@instance, {1}",
        RuleCategory.Social,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.GetMetas("fediverse:creator"))
        {
            if (meta.Content is not { IsStatic: true } value || value.NormalizedText.Length == 0 || FediverseAccount.Parse(value.NormalizedText) is not null)
            {
                continue;
            }

            var written = value.NormalizedText;
            var (meant, why) = Meant(context, written);
            var span = WebUrl.TrimmedSpan(context.Source, value.Span);
            var fixes = meant is null
                ? []
                : new[] { new CodeFix($"Write {meant.Handle}", FixSafety.Safe, [new TextEdit(span, TemplateText.Attribute(meant.Handle, context.Syntax.Language))]) };
            context.Report(span, args: [written, why], fixes: fixes);
        }
    }, includeFragments: true);

    /// <summary>The account a malformed value stands for, when that is certain, and what to tell the author.</summary>
    private static (FediverseAccount? Meant, string Why) Meant(RuleContext context, string written)
    {
        // A profile URL: the account is in it.
        if (WebUrl.Parse(written) is { } url && SocialLinks.FediverseAccountOf(url) is { } fromUrl)
        {
            return (fromUrl, $"not a profile URL; write {fromUrl.Handle}");
        }

        // acct:user@host (WebFinger's form): Mastodon would read "acct:user" as the user name.
        if (written.StartsWith("acct:", StringComparison.OrdinalIgnoreCase) && FediverseAccount.Parse(written[5..]) is { } fromAcct)
        {
            return (fromAcct, $"without the acct: prefix; write {fromAcct.Handle}");
        }

        // @user alone: Mastodon looks the user up on the reader's own server. The configured profile says which one.
        var user = written.TrimStart('@');
        if (user.Length > 0 && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            var configured = FediverseAccount.Configured(context.Configuration).Where(a => a.User.Equals(user, StringComparison.OrdinalIgnoreCase)).ToList();
            return configured.Count == 1
                ? (configured[0], $"with its instance; write {configured[0].Handle}")
                : (null, "with its instance: without one, each reader's server looks up its own user of that name");
        }

        return (null, "not a name or a URL; write the account's address as its profile page shows it");
    }
}
