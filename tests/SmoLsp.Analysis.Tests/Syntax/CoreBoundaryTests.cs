namespace SmoLsp.Analysis.Tests.Syntax;

/// <summary>The core does no IO: besides the BannedApiAnalyzers build check, its references prove it.</summary>
public sealed class CoreBoundaryTests
{
    [Fact]
    public void Core_references_no_io_network_or_host_assemblies()
    {
        var references = typeof(TemplateDocument).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.ShouldNotContain(n => n.StartsWith("System.Net", StringComparison.Ordinal));
        references.ShouldNotContain("System.Console");
        references.ShouldNotContain("System.IO.FileSystem");
        references.ShouldNotContain(n => n.StartsWith("SmoLsp.Server", StringComparison.Ordinal));
        references.ShouldNotContain(n => n.StartsWith("Microsoft.Extensions", StringComparison.Ordinal));
        references.ShouldNotContain(n => n.StartsWith("Serilog", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_types_use_no_file_or_console_apis()
    {
        // Scan the IL's member references: any System.IO.File/Directory/Console use fails.
        var assembly = typeof(TemplateDocument).Assembly;
        var forbidden = new[] { "System.IO.File", "System.IO.Directory", "System.Console", "System.Net.Http.HttpClient", "System.Environment" };
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var used = md.TypeReferences.Select(h => md.GetTypeReference(h)).Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name)).ToList();
        used.ShouldNotContain(t => forbidden.Contains(t));
    }
}
