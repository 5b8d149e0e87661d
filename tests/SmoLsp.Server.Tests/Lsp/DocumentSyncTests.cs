using SmoLsp.Analysis.Text;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Tests.Lsp;

public sealed class DocumentSyncTests
{
    private static DidChangeTextDocumentParams Change(int version, params TextDocumentContentChangeEvent[] changes) =>
        new(new VersionedTextDocumentIdentifier("file:///a.html", version), changes);

    private static TextDocumentContentChangeEvent Edit(int line1, int char1, int line2, int char2, string text) =>
        new(text, new LspRange(new Position(line1, char1), new Position(line2, char2)));

    [Fact]
    public void Incremental_changes_apply_one_after_another()
    {
        var store = new DocumentStore();
        store.Open(new TextDocumentItem("file:///a.html", "html", 1, "abc\ndef\n"));
        var warnings = new List<string>();
        var result = store.Change(Change(2, Edit(0, 1, 0, 2, "X"), Edit(1, 0, 1, 0, ">> ")), PositionConverter.Utf16, warnings.Add)!;
        result.Source.Text.ShouldBe("aXc\n>> def\n");
        result.Version.ShouldBe(2);
        warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_change_without_range_replaces_the_text()
    {
        var store = new DocumentStore();
        store.Open(new TextDocumentItem("file:///a.html", "html", 1, "old"));
        store.Change(Change(2, Edit(0, 0, 0, 0, "x"), new TextDocumentContentChangeEvent("new")), PositionConverter.Utf16, _ => { })!.Source.Text.ShouldBe("new");
    }

    [Fact]
    public void Positions_count_utf16_code_units_by_default_and_bytes_when_utf8_was_negotiated()
    {
        // "é" is one UTF-16 unit and two UTF-8 bytes; "😀" is two units and four bytes.
        var text = "é😀x\n";
        var source = new SourceText(text);
        PositionConverter.Utf16.ToOffset(source, new Position(0, 3)).ShouldBe(3);
        PositionConverter.Utf8.ToOffset(source, new Position(0, 6)).ShouldBe(3);
        PositionConverter.Utf8.ToPosition(source, 3).ShouldBe(new Position(0, 6));
        PositionConverter.Utf16.ToPosition(source, 3).ShouldBe(new Position(0, 3));

        var store = new DocumentStore();
        store.Open(new TextDocumentItem("file:///a.html", "html", 1, text));
        store.Change(Change(2, Edit(0, 6, 0, 7, "y")), PositionConverter.Utf8, _ => { })!.Source.Text.ShouldBe("é😀y\n");
    }

    [Fact]
    public void Edits_past_the_end_are_clamped_and_reported()
    {
        var store = new DocumentStore();
        store.Open(new TextDocumentItem("file:///a.html", "html", 1, "abc\n"));
        var warnings = new List<string>();
        store.Change(Change(2, Edit(0, 99, 7, 3, "!")), PositionConverter.Utf16, warnings.Add)!.Source.Text.ShouldBe("abc!");
        warnings.ShouldNotBeEmpty();
    }

    [Fact]
    public void A_change_for_a_document_never_opened_is_ignored()
    {
        var store = new DocumentStore();
        store.Change(Change(2, Edit(0, 0, 0, 0, "x")), PositionConverter.Utf16, _ => { }).ShouldBeNull();
    }

    [Theory]
    [InlineData("file:///site/Views/Home/Index.cshtml", "razor", SmoLsp.Analysis.Syntax.TemplateLanguage.Cshtml)]
    [InlineData("file:///site/Pages/Index.razor", "razor", SmoLsp.Analysis.Syntax.TemplateLanguage.Razor)]
    [InlineData("untitled:Untitled-1", "aspnetcorerazor", SmoLsp.Analysis.Syntax.TemplateLanguage.Cshtml)]
    [InlineData("untitled:Untitled-2", "html", SmoLsp.Analysis.Syntax.TemplateLanguage.Html)]
    public void The_language_comes_from_the_extension_or_else_the_language_id(string uri, string languageId, SmoLsp.Analysis.Syntax.TemplateLanguage expected) =>
        new DocumentSnapshot(uri, languageId, 1, new SourceText(string.Empty)).Language.ShouldBe(expected);
}
