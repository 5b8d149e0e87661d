namespace SmoLsp.Server.Cli;

/// <summary>The exit codes of <c>smolsp check</c> (the ESLint convention).</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the fail level.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above the fail level.</summary>
    public const int Findings = 1;

    /// <summary>Usage, configuration, IO or internal error.</summary>
    public const int Error = 2;
}
