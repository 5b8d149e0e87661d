using System.Diagnostics;
using System.Text;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>The built <c>smolsp.dll</c> run as a real process (optionally under another command: <c>strace</c>, <c>setpriv</c>), killed when it overruns.</summary>
public static class SmolspProcess
{
    public sealed record Result(int Code, byte[] Stdout, byte[] Stderr)
    {
        public string Out => Encoding.UTF8.GetString(Stdout);

        public string Err => Encoding.UTF8.GetString(Stderr);
    }

    public static string Dll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "smolsp.dll");
            File.Exists(dll).ShouldBeTrue($"{dll} is built next to the tests");
            return dll;
        }
    }

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <c>smolsp args</c> in <paramref name="workingDirectory"/>; <paramref name="prefix"/> is a command that runs it (e.g. <c>strace -f -o log</c>).</summary>
    public static Result Run(string workingDirectory, string[] args, string[]? prefix = null, string? stdin = null, TimeSpan? timeout = null)
    {
        var command = prefix is { Length: > 0 } ? [.. prefix, DotnetHost, Dll, .. args] : new[] { DotnetHost, Dll }.Concat(args).ToArray();
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var errorCopy = process.StandardError.BaseStream.CopyToAsync(stderr);
        var outputCopy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It stopped reading (input refused): what it said is the result.
            }
        }

        var limit = timeout ?? TimeSpan.FromSeconds(60);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"smolsp {string.Join(' ', args)} did not finish within {limit}");
        }

        Task.WaitAll([errorCopy, outputCopy], limit).ShouldBeTrue();
        return new Result(process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
