using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Tokenization;

/// <summary>Checks a tokenizer request before anything is stored or enqueued (400 at the API).</summary>
public static class TokenizerSpecValidator
{
    public static readonly string[] Kinds = ["sentencepiece", "gpt2", "train"];

    /// <param name="spec">The request.</param>
    /// <param name="sandbox">Which server paths may be read (the same refusal for every other path).</param>
    /// <param name="addresses">Refuses a url whose host is a private IP literal or localhost.</param>
    public static Dictionary<string, string[]> Validate(TokenizerSpec spec, ImportSandbox sandbox, DownloadAddressPolicy addresses)
    {
        var errors = new Dictionary<string, string[]>();
        switch (spec.Kind)
        {
            case "sentencepiece" when spec.Upload is null && spec.Path is null && spec.Url is null:
                errors["path"] = ["A sentencepiece tokenizer needs a path, a url or an upload (POST /api/tokenizers/upload)."];
                break;
            case "sentencepiece" when spec.Path is not null && sandbox.Resolve(spec.Path) is null:
                errors["path"] = [sandbox.RefusalMessage];
                break;
            case "sentencepiece" when spec.Url is not null && !(Uri.TryCreate(spec.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"):
                errors["url"] = ["url must be an absolute http(s) url."];
                break;
            case "sentencepiece" when spec.Url is not null && addresses.CheckLiteral(new Uri(spec.Url)) is { } refused:
                errors["url"] = [refused];
                break;
            case "train" when spec.CorpusId is null:
                errors["corpusId"] = ["Training a vocabulary needs a corpusId."];
                break;
            case "train" when spec.VocabSize is < 32 or > 65536:
                errors["vocabSize"] = ["vocabSize must be between 32 and 65536."];
                break;
            case "sentencepiece" or "gpt2" or "train":
                break;
            default:
                errors["kind"] = [$"Unknown tokenizer kind '{spec.Kind}'; use one of {string.Join(", ", Kinds)}."];
                break;
        }
        return errors;
    }
}
