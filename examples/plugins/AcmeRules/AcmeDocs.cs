namespace AcmeRules;

/// <summary>Where Acme's rule pages live: plugin rules declare their own help link (built-in ones derive theirs).</summary>
internal static class AcmeDocs
{
    public const string BaseUrl = "https://github.com/smolsp/smolsp/blob/main/examples/plugins/AcmeRules/docs/";

    public static string For(string id) => BaseUrl + id + ".md";
}
