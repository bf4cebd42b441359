using System.Text;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Plain text split by a separator line (default <c>&lt;|endoftext|&gt;</c>) or by blank lines. Lines of a document are
/// joined with '\n'. Whitespace after the last separator is not a document; in separator mode, nothing between two
/// separators is an empty document (reported).
/// </summary>
internal static class PlainTextDocumentReader
{
    public static void Read(Stream input, ImportSink sink, CancellationToken ct)
    {
        var options = sink.Options;
        var separator = Encoding.UTF8.GetBytes(options.SeparatorLine.Trim());
        var blankLines = options.PlainTextSplit == PlainTextSplit.BlankLines;
        var lines = new Utf8LineReader(input, sink.MaxRawBytes);
        var text = new StringBuilder();
        var document = 0;
        long firstLine = 0;
        (BadDocumentReason Reason, string Message)? bad = null;
        var hasContent = false;

        void Finish(bool atEnd)
        {
            if (blankLines && !hasContent && bad is null) return; // runs of blank lines separate, they are not documents
            if (atEnd && !hasContent && bad is null) return;      // trailing whitespace after the last separator
            document++;
            var location = $"document {document} (line {firstLine})";
            if (bad is { } b) sink.Reject(b.Reason, location, b.Message);
            else sink.Accept(text.ToString(), location, document - 1);
            text.Clear();
            bad = null;
            hasContent = false;
            firstLine = 0;
        }

        while (lines.TryReadLine(out var memory, out var tooLong))
        {
            ct.ThrowIfCancellationRequested();
            if (firstLine == 0) firstLine = lines.LineNumber;
            var line = memory.Span;
            var trimmed = line.Trim(" \t"u8);
            if (!tooLong && (blankLines ? trimmed.IsEmpty : trimmed.SequenceEqual(separator)))
            {
                Finish(atEnd: false);
                continue;
            }
            if (bad is not null) continue; // the rest of a bad document is skipped up to its separator
            if (tooLong)
            {
                bad = (BadDocumentReason.TooLong, sink.TooLongMessage(sink.MaxRawBytes));
                continue;
            }
            var invalid = Utf8Check.FindInvalid(line);
            if (invalid >= 0)
            {
                bad = (BadDocumentReason.InvalidUtf8, $"line {lines.LineNumber}: " + Utf8Check.Describe(lines.LineOffset + invalid, line, invalid));
                continue;
            }
            hasContent |= !trimmed.IsEmpty;
            if (text.Length > 0) text.Append('\n');
            text.Append(Encoding.UTF8.GetString(line));
            if (text.Length > options.MaxDocumentChars)
            {
                bad = (BadDocumentReason.TooLong, sink.TooLongMessage(text.Length));
                text.Clear();
            }
        }
        Finish(atEnd: true);
    }
}
