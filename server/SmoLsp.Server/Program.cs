using System.CommandLine;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Lsp;

namespace SmoLsp.Server;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("SmoLsp: finds social-media-optimization problems (Open Graph, X cards, titles, social links) in HTML, Razor and Blazor templates.");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(LspCommand.Create());
        return root.Parse(args).Invoke();
    }
}
