using System.CommandLine;

namespace SmoLsp.Server.Cli;

public static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "List the rule catalog.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("smolsp rules: not implemented yet");
            return ExitCodes.Error;
        });
        return command;
    }
}
