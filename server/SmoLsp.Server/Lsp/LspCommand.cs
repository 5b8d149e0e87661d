using System.CommandLine;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Lsp;

public static class LspCommand
{
    public static Command Create()
    {
        var command = new Command("lsp", "Run the language server over stdio.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("smolsp lsp: not implemented yet");
            return ExitCodes.Error;
        });
        return command;
    }
}
