using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Corpora;

/// <summary>
/// Checks a corpus request before anything is stored or enqueued (the API answers 400 with these errors) and maps
/// it onto the importer's options.
/// </summary>
public static class CorpusSpecValidator
{
    public static readonly string[] Kinds = ["synthetic", "file", "url", "tinystories", "mixture"];

    /// <param name="spec">The request.</param>
    /// <param name="sandbox">Which server paths may be read; every refused path gets the same message (no existence oracle).</param>
    /// <param name="addresses">Refuses URLs whose host is a private IP literal or localhost at once (host names are
    /// checked again, resolved, when the worker connects).</param>
    public static Dictionary<string, string[]> Validate(CorpusImportSpec spec, ImportSandbox sandbox, DownloadAddressPolicy addresses)
    {
        var errors = new Dictionary<string, string[]>();
        var source = spec.Source;
        if (!Kinds.Contains(source.Kind)) errors["source.kind"] = [$"Unknown source kind '{source.Kind}'; use one of {string.Join(", ", Kinds)}."];
        if (ParseFormat(source.Format) is null) errors["source.format"] = ["format must be auto, json, jsonl, text or parquet."];
        if (spec.BadDocuments is not ("fail" or "skip")) errors["badDocuments"] = ["badDocuments must be fail or skip."];
        if (spec.MaxDocumentChars < 1) errors["maxDocumentChars"] = ["maxDocumentChars must be positive."];
        if (string.IsNullOrWhiteSpace(source.TextField)) errors["source.textField"] = ["textField must not be empty."];
        if (string.IsNullOrWhiteSpace(source.TextColumn)) errors["source.textColumn"] = ["textColumn must not be empty."];

        switch (source.Kind)
        {
            case "file" when source.Upload is null && string.IsNullOrWhiteSpace(source.Path):
                errors["source.path"] = ["A file source needs a path (or use POST /api/corpora/upload)."];
                break;
            case "file" when source.Upload is null && sandbox.ResolveShards(source.Path!).Count == 0:
                errors["source.path"] = [sandbox.RefusalMessage];
                break;
            case "url" when !IsHttpUrl(source.Url):
                errors["source.url"] = ["A url source needs an absolute http(s) url."];
                break;
            case "tinystories" when source.Url is not null && !IsHttpUrl(source.Url):
                errors["source.url"] = ["url must be an absolute http(s) url."];
                break;
            case "url" or "tinystories" when source.Url is not null && addresses.CheckLiteral(new Uri(source.Url)) is { } refused:
                errors["source.url"] = [refused];
                break;
            case "tinystories" when source.ShardLimit is < 1:
                errors["source.shardLimit"] = ["shardLimit must be at least 1."];
                break;
            case "mixture":
                MixtureSpecValidator.Validate(source, errors);
                break;
            case "synthetic":
                try { (source.Synthetic ?? new()).Validate(); }
                catch (ArgumentException ex) { errors["source.synthetic"] = [ex.Message]; }
                break;
        }
        return errors;
    }

    public static CorpusImportOptions ToImportOptions(CorpusImportSpec spec) => new()
    {
        Format = ParseFormat(spec.Source.Format) ?? CorpusFileFormat.Auto,
        TextField = spec.Source.TextField,
        TextColumn = spec.Source.TextColumn,
        PlainTextSplit = spec.Source.Separator.Length == 0 ? PlainTextSplit.BlankLines : PlainTextSplit.SeparatorLine,
        SeparatorLine = spec.Source.Separator,
        MaxDocumentChars = spec.MaxDocumentChars,
        Policy = spec.BadDocuments == "skip" ? BadDocumentPolicy.Skip : BadDocumentPolicy.Fail,
    };

    private static CorpusFileFormat? ParseFormat(string format) => format switch
    {
        "auto" => CorpusFileFormat.Auto,
        "json" => CorpusFileFormat.JsonArray,
        "jsonl" => CorpusFileFormat.JsonLines,
        "text" => CorpusFileFormat.PlainText,
        "parquet" => CorpusFileFormat.Parquet,
        _ => null,
    };

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
