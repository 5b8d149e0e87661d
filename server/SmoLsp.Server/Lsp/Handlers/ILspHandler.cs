using System.Collections.Immutable;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary>A group of LSP methods. Handlers are thin: convert the params in, call the services, convert the result out.</summary>
public interface ILspHandler
{
    void Register(JsonRpcConnection connection);
}

internal static class RequestContextExtensions
{
    /// <summary>The document as it was when the request arrived (later edits do not change what the request sees).</summary>
    public static DocumentSnapshot? Document(this RequestContext context, string uri) =>
        context.State is ImmutableDictionary<string, DocumentSnapshot> documents ? documents.GetValueOrDefault(uri) : null;

    /// <summary>The analysis of that document (cached per version), or null when it is not open; throws once the request is cancelled.</summary>
    public static DocumentAnalysis? Analyze(this RequestContext context, DocumentAnalyzer analyzer, string uri)
    {
        var analysis = context.Document(uri) is { } document ? analyzer.Analyze(document) : null;
        context.CancellationToken.ThrowIfCancellationRequested();
        return analysis;
    }
}
