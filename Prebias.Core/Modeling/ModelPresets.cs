namespace Prebias.Core.Modeling;

/// <summary>
/// Named model sizes. The stories* presets are llama2.c's TinyStories models (README "Models" table; multiple_of 32 is
/// train.py's default, stories260K uses 4); tiny1m is a ~1M-parameter model with a 4096-token vocabulary.
/// </summary>
public static class ModelPresets
{
    private static readonly Dictionary<string, ModelArgs> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["stories260k"] = new() { Dim = 64, NLayers = 5, NHeads = 8, NKvHeads = 4, VocabSize = 512, MaxSeqLen = 512, MultipleOf = 4 },
        ["tiny1m"] = new() { Dim = 128, NLayers = 4, NHeads = 4, NKvHeads = 4, VocabSize = 4096, MaxSeqLen = 256, MultipleOf = 32 },
        ["stories15m"] = new() { Dim = 288, NLayers = 6, NHeads = 6, NKvHeads = 6, VocabSize = 32000, MaxSeqLen = 256, MultipleOf = 32 },
        ["stories42m"] = new() { Dim = 512, NLayers = 8, NHeads = 8, NKvHeads = 8, VocabSize = 32000, MaxSeqLen = 1024, MultipleOf = 32 },
        ["stories110m"] = new() { Dim = 768, NLayers = 12, NHeads = 12, NKvHeads = 12, VocabSize = 32000, MaxSeqLen = 1024, MultipleOf = 32 },
    };

    /// <summary>Preset names, e.g. for validation messages.</summary>
    public static IReadOnlyCollection<string> Names => Presets.Keys;

    /// <summary>The preset's arguments (case-insensitive name); throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    public static ModelArgs Get(string name) =>
        Presets.TryGetValue(name, out var args)
            ? args
            : throw new KeyNotFoundException($"Unknown model preset '{name}'. Known: {string.Join(", ", Presets.Keys)}.");

    /// <summary>True and the arguments when the preset exists.</summary>
    public static bool TryGet(string name, out ModelArgs args) => Presets.TryGetValue(name, out args!);
}
