using System.CommandLine;
using SmoLsp.Rules;

namespace SmoLsp.Server.Cli;

/// <summary><c>smolsp rule SMO001</c>: prints a rule's documentation page (as <c>ruff rule</c> does), shipped with the tool.</summary>
public static class RuleCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The rule id, e.g. SMO001 (smolsp rules lists them)." };
        var command = new Command("rule", "Print a rule's documentation: why it matters, incorrect and correct examples, configuration.") { id };
        command.SetAction(parseResult =>
        {
            var value = parseResult.GetValue(id)!.Trim();
            var descriptor = BuiltInRules.CreateEngine().Descriptors.FirstOrDefault(d => d.Id.Equals(value, StringComparison.OrdinalIgnoreCase));
            var page = descriptor is null ? null : RuleDocs.Read(descriptor.Id);
            if (page is null)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"smolsp: error: {value}: no such rule (run 'smolsp rules' for the list; a plugin's rules are documented by the plugin)");
                return ExitCodes.Error;
            }

            var output = parseResult.InvocationConfiguration.Output;
            output.Write(page.ReplaceLineEndings("\n"));
            if (!page.EndsWith('\n'))
            {
                output.Write('\n');
            }

            output.Flush();
            return ExitCodes.Clean;
        });
        return command;
    }
}
