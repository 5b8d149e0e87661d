using System.CommandLine;

namespace SmoLsp.Server.Cli;

public static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Check templates and report SMO problems.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("smolsp check: not implemented yet");
            return ExitCodes.Error;
        });
        return command;
    }
}
