using System.Text;
using Prebias.Core.Corpora.Import;

namespace Prebias.Tests.Corpora;

public class CorpusFileImporterTests
{
    private static readonly CorpusImportOptions Skip = new() { Policy = BadDocumentPolicy.Skip };

    [Fact]
    public void Import_ReadsStories_WhenJsonArrayWithExtraFields()
    {
        var json = "[\n {\"story\": \"Tom ran.\", \"source\": \"x\"},\n {\"other\": [1,{\"story\":\"nested, ignored\"}], \"story\": \"Sue \\u00e9 sat.\"}\n]";
        var (report, texts) = ImportHelper.Import("a.json", json);
        Assert.Equal(["Tom ran.", "Sue é sat."], texts);
        Assert.Equal(2, report.Imported);
        Assert.Equal(2, report.Corpus!.DocumentCount);
    }

    [Fact]
    public void Import_UsesConfiguredField_WhenJsonLinesWithBlankLinesAndCrLf()
    {
        var jsonl = "{\"text\": \"One.\"}\r\n\r\n{\"text\": \"Two.\"}";
        var (_, texts) = ImportHelper.Import("a.jsonl", jsonl, new CorpusImportOptions { TextField = "text" });
        Assert.Equal(["One.", "Two."], texts);
    }

    [Fact]
    public void Import_SplitsOnSeparatorLine_WhenPlainText()
    {
        var text = "Once upon a time.\nThe end.\n<|endoftext|>\nSecond story.\n  <|endoftext|>  \n\n";
        var (_, texts) = ImportHelper.Import("a.txt", text);
        Assert.Equal(["Once upon a time.\nThe end.", "Second story."], texts);
    }

    [Fact]
    public void Import_SplitsOnBlankLines_WhenBlankLineModeChosen()
    {
        var text = "First line.\nStill first.\n\n\n\nSecond.\n";
        var (_, texts) = ImportHelper.Import("a.txt", text, new CorpusImportOptions { PlainTextSplit = PlainTextSplit.BlankLines });
        Assert.Equal(["First line.\nStill first.", "Second."], texts);
    }

    [Fact]
    public void Import_DetectsFormatFromContent_WhenExtensionIsUnknown()
    {
        Assert.Equal(["A."], ImportHelper.Import("a.dat", "\uFEFF[{\"story\":\"A.\"}]").Texts);
        Assert.Equal(["B."], ImportHelper.Import("a.dat", "{\"story\":\"B.\"}\n").Texts);
        Assert.Equal(["C."], ImportHelper.Import("a.json", "{\"story\":\"C.\"}\n").Texts);
        Assert.Equal(["D."], ImportHelper.Import("a.dat", "D.").Texts);
    }

    [Fact]
    public void Import_FailsWithLineAndElement_WhenJsonArrayIsInvalid()
    {
        var json = "[\n{\"story\": \"ok\"},\n{\"story\": \"bad\" \"x\": 1}\n]";
        var error = ImportHelper.Fails("a.json", json);
        Assert.Equal(BadDocumentReason.InvalidJson, error.Reason);
        Assert.StartsWith("line 3: invalid JSON", error.Message);
        Assert.Contains("in element 2", error.Message);
    }

    [Fact]
    public void Import_FailsWithLine_WhenJsonArrayIsTruncated()
    {
        var error = ImportHelper.Fails("a.json", "[{\"story\": \"ok\"},\n{\"story\": \"cut");
        Assert.Equal(BadDocumentReason.InvalidJson, error.Reason);
        Assert.StartsWith("line 2:", error.Message);
    }

    [Fact]
    public void Import_FailsNamingTheElement_WhenTextFieldMissing()
    {
        var error = ImportHelper.Fails("a.json", "[{\"story\":\"a\"},\n\n{\"title\":\"b\"}]");
        Assert.Equal(BadDocumentReason.MissingTextField, error.Reason);
        Assert.Equal("element 2 (line 3)", error.Location);
        Assert.Contains("no property \"story\"", error.Message);
        Assert.Contains("use Skip", error.Message);
    }

    [Fact]
    public void Import_SkipsAndCountsEachReason_WhenPolicyIsSkip()
    {
        var jsonl = string.Join('\n',
            "{\"story\":\"good one\"}",
            "{\"story\": broken",
            "{\"title\":\"no story\"}",
            "{\"story\":\"   \"}",
            "{\"story\":42}",
            "[1,2]",
            "{\"story\":\"good two\"}");
        var (report, texts) = ImportHelper.Import("a.jsonl", jsonl, Skip);
        Assert.Equal(["good one", "good two"], texts);
        Assert.Equal(2, report.Imported);
        Assert.Equal(5, report.Skipped);
        Assert.Equal(2, report.SkippedByReason[BadDocumentReason.InvalidJson]); // line 2 and the array on line 6
        Assert.Equal(2, report.SkippedByReason[BadDocumentReason.MissingTextField]); // lines 3 and 5
        Assert.Equal(1, report.SkippedByReason[BadDocumentReason.EmptyDocument]);
        Assert.Equal(["line 2", "line 3", "line 4", "line 5", "line 6"], report.Examples.Select(e => e.Location));
    }

    [Fact]
    public void Import_KeepsOnlyMaxExamples_WhenManyBadDocuments()
    {
        var jsonl = string.Concat(Enumerable.Range(0, 20).Select(i => "{}\n")) + "{\"story\":\"ok\"}\n";
        var (report, _) = ImportHelper.Import("a.jsonl", jsonl, Skip with { MaxExamples = 3 });
        Assert.Equal(20, report.Skipped);
        Assert.Equal(3, report.Examples.Count);
    }

    [Fact]
    public void Import_ReportsByteOffset_WhenJsonLinesHasInvalidUtf8()
    {
        // Line 1 is 16 bytes + '\n'; line 2 starts at 17: {"story":"a<FF>b"} puts 0xFF at 17 + 11 = 28.
        var bytes = Encoding.UTF8.GetBytes("{\"story\":\"good\"}\n{\"story\":\"a").Concat(new byte[] { 0xFF })
            .Concat(Encoding.UTF8.GetBytes("b\"}\n")).ToArray();
        var error = ImportHelper.Fails("a.jsonl", bytes);
        Assert.Equal(BadDocumentReason.InvalidUtf8, error.Reason);
        Assert.Equal("line 2", error.Location);
        Assert.Contains("byte 0xFF at byte offset 28", error.Message);
    }

    [Fact]
    public void Import_ReportsByteOffset_WhenJsonArrayTextHasInvalidUtf8()
    {
        // [{"story":"x<C3>(" ... : 0xC3 followed by '(' is an invalid sequence at offset 12.
        var bytes = Encoding.UTF8.GetBytes("[{\"story\":\"x").Concat(new byte[] { 0xC3 })
            .Concat(Encoding.UTF8.GetBytes("(\"},{\"story\":\"fine\"}]")).ToArray();
        var error = ImportHelper.Fails("a.json", bytes);
        Assert.Equal(BadDocumentReason.InvalidUtf8, error.Reason);
        Assert.Contains("byte 0xC3 at byte offset 12", error.Message);
        var (report, texts) = ImportHelper.Import("a.json", bytes, Skip);
        Assert.Equal(["fine"], texts);
        Assert.Equal(1, report.SkippedByReason[BadDocumentReason.InvalidUtf8]);
    }

    [Fact]
    public void Import_SkipsTheWholeDocument_WhenPlainTextLineHasInvalidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("Good.\n<|endoftext|>\nBad ").Concat(new byte[] { 0x80 })
            .Concat(Encoding.UTF8.GetBytes("\nmore bad\n<|endoftext|>\nAlso good.\n")).ToArray();
        var (report, texts) = ImportHelper.Import("a.txt", bytes, Skip);
        Assert.Equal(["Good.", "Also good."], texts);
        var example = Assert.Single(report.Examples);
        Assert.Equal("document 2 (line 3)", example.Location);
        Assert.Contains("line 3: invalid UTF-8 (byte 0x80 at byte offset 24)", example.Message);
    }

    [Theory]
    [InlineData("a.jsonl", "{\"story\":\"0123456789ABC\"}\n{\"story\":\"short\"}\n")]
    [InlineData("a.json", "[{\"story\":\"0123456789ABC\"},{\"story\":\"short\"}]")]
    [InlineData("a.txt", "0123456789\nABC\n<|endoftext|>\nshort\n")]
    public void Import_RejectsTooLongDocument_WhenOverMaxDocumentChars(string fileName, string content)
    {
        var options = new CorpusImportOptions { MaxDocumentChars = 10 };
        Assert.Equal(BadDocumentReason.TooLong, ImportHelper.Fails(fileName, content, options).Reason);
        var (report, texts) = ImportHelper.Import(fileName, content, options with { Policy = BadDocumentPolicy.Skip });
        Assert.Equal(["short"], texts);
        Assert.Equal(1, report.SkippedByReason[BadDocumentReason.TooLong]);
    }

    [Fact]
    public void Import_SkipsAnEnormousLineWithoutBufferingIt_WhenJsonLinesLineExceedsTheCap()
    {
        // MaxDocumentChars = 100 caps a line at 100 * 6 + 1024 = 1624 bytes; this line is 200,000 bytes.
        var huge = "{\"story\":\"" + new string('x', 200_000) + "\"}";
        var (report, texts) = ImportHelper.Import("a.jsonl", huge + "\n{\"story\":\"after\"}\n",
            new CorpusImportOptions { MaxDocumentChars = 100, Policy = BadDocumentPolicy.Skip });
        Assert.Equal(["after"], texts);
        Assert.Equal("line 1", Assert.Single(report.Examples).Location);
    }

    [Fact]
    public void Import_FailsAsTooLong_WhenJsonArrayValueExceedsTheCap()
    {
        var huge = "[{\"story\":\"" + new string('x', 200_000) + "\"},{\"story\":\"after\"}]";
        var error = ImportHelper.Fails("a.json", huge, new CorpusImportOptions { MaxDocumentChars = 100, Policy = BadDocumentPolicy.Skip });
        Assert.Equal(BadDocumentReason.TooLong, error.Reason);
        Assert.Contains("raise MaxDocumentChars", error.Message);
    }

    [Theory]
    [InlineData("a.json", "")]
    [InlineData("a.json", "[]")]
    [InlineData("a.jsonl", "\n\n")]
    [InlineData("a.txt", "  \n<|endoftext|>\n")]
    public void Import_FailsAsEmptyCorpus_WhenNoDocuments(string fileName, string content)
    {
        var error = ImportHelper.Fails(fileName, content, Skip);
        Assert.Equal(BadDocumentReason.EmptyCorpus, error.Reason);
        Assert.Contains("the corpus is empty", error.Message.Replace("the file is empty", "the corpus is empty"));
    }

    [Fact]
    public void Import_FailsAsEmptyCorpus_WhenEveryDocumentWasSkipped()
    {
        var error = ImportHelper.Fails("a.jsonl", "{}\n{}\n", Skip);
        Assert.Equal(BadDocumentReason.EmptyCorpus, error.Reason);
        Assert.Contains("all 2 documents were bad and skipped", error.Message);
    }

    [Fact]
    public void Import_ReadsAcrossBufferBoundaries_WhenJsonArrayIsLargerThanTheBuffer()
    {
        // 3,000 elements of ~60 bytes = ~180 KB, several 64 KB refills; elements must come back in order.
        var stories = Enumerable.Range(0, 3000).Select(i => $"Story number {i} is here.").ToArray();
        var json = "[" + string.Join(",\n", stories.Select(s => $"{{\"story\": \"{s}\", \"n\": 1}}")) + "]";
        var (report, texts) = ImportHelper.Import("big.json", json);
        Assert.Equal(stories, texts);
        Assert.Equal(3000, report.Imported);
    }
}
