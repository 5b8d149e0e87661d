using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>textDocument/codeAction</c> and <c>codeAction/resolve</c>.</summary>
public sealed class CodeActionHandler(CodeActionBuilder builder, DocumentStore documents) : ILspHandler
{
    public void Register(JsonRpcConnection connection)
    {
        connection.OnRequest("textDocument/codeAction", LspJsonContext.Default.CodeActionParams, LspJsonContext.Default.IReadOnlyListCodeAction, (p, context) =>
        {
            var document = context.Document(p.TextDocument.Uri);
            IReadOnlyList<CodeAction> actions = document is null ? [] : builder.GetActions(document, p, context.CancellationToken);
            return Task.FromResult<IReadOnlyList<CodeAction>?>(actions);
        });

        // Resolve runs against the document as it is now: the client applies the edit now.
        connection.OnRequest("codeAction/resolve", LspJsonContext.Default.CodeAction, LspJsonContext.Default.CodeAction, (action, _) =>
            Task.FromResult<CodeAction?>(builder.Resolve(action, documents.Get)));
    }
}
