using System.Text.Json;
using Prebias.Core.Tokenization;
using Prebias.Core.Modeling;
using Prebias.Core.Training;

namespace Prebias.Core.Export;

/// <summary>
/// Writes a checkpoint as a folder that transformers' <c>LlamaForCausalLM.from_pretrained</c> and
/// <c>AutoTokenizer.from_pretrained</c> load: config.json, model.safetensors (HF names, rotary-permuted wq/wk),
/// generation_config.json, tokenizer.model with tokenizer_config.json, and README.md (the model card).
/// The folder is replaced whole (<see cref="AtomicFolder"/>), so a reader never sees half an export.
/// </summary>
public static class HfCheckpointExporter
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string GenerationConfigFile = "generation_config.json";
    public const string TokenizerModelFile = "tokenizer.model";
    public const string TokenizerConfigFile = "tokenizer_config.json";
    public const string CardFile = "README.md";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Export(string checkpointDirectory, HfTokenizerFiles tokenizer, string card, string folder)
    {
        using var model = CheckpointModels.Load(checkpointDirectory);
        Export(model, tokenizer, card, folder);
    }

    public static void Export(Transformer model, HfTokenizerFiles tokenizer, string card, string folder) =>
        AtomicFolder.Replace(folder, temp =>
        {
            var config = HfLlamaConfig.From(model.Args, tokenizer.BosId, tokenizer.EosId);
            WriteJson(Path.Combine(temp, ConfigFile), config);
            WriteJson(Path.Combine(temp, GenerationConfigFile), new Dictionary<string, object?>
            {
                ["bos_token_id"] = tokenizer.BosId, ["eos_token_id"] = tokenizer.EosId,
                ["max_length"] = model.Args.MaxSeqLen,
            });
            using (var weights = File.Create(Path.Combine(temp, WeightsFile)))
                SafetensorsFile.WriteFloat32(weights, HfStateDict.From(model),
                    new Dictionary<string, string> { ["format"] = "pt" });
            WriteJson(Path.Combine(temp, TokenizerConfigFile), TokenizerConfig(tokenizer, model.Args.MaxSeqLen));
            if (tokenizer.SentencePieceModelPath is { } spm)
                File.Copy(spm, Path.Combine(temp, TokenizerModelFile));
            File.WriteAllText(Path.Combine(temp, CardFile), card);
        });

    /// <summary>
    /// LlamaTokenizer over the SentencePiece model, with the special pieces read from the model itself; legacy
    /// mode because llama2.c encodes raw text with sentencepiece's own dummy prefix. GPT-2 runs name the stock
    /// tokenizer, whose vocab.json and merges.txt come from the Hub's <c>gpt2</c> repository.
    /// </summary>
    private static Dictionary<string, object?> TokenizerConfig(HfTokenizerFiles tokenizer, int maxLength)
    {
        if (tokenizer.SentencePieceModelPath is not { } path)
            return new() { ["tokenizer_class"] = "GPT2Tokenizer", ["model_max_length"] = maxLength };
        var pieces = SentencePieceModelFile.Read(path).Pieces;
        string? Piece(int? id) => id is { } i && i >= 0 && i < pieces.Count ? pieces[i].Piece : null;
        var unk = pieces.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Type == SentencePieceType.Unknown);
        return new()
        {
            ["tokenizer_class"] = "LlamaTokenizer",
            ["bos_token"] = Piece(tokenizer.BosId),
            ["eos_token"] = Piece(tokenizer.EosId),
            ["unk_token"] = unk.p.Piece,
            ["add_bos_token"] = true,
            ["add_eos_token"] = false,
            ["legacy"] = true,
            ["clean_up_tokenization_spaces"] = false,
            ["model_max_length"] = maxLength,
        };
    }

    private static void WriteJson<T>(string path, T value)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, value, Json);
    }
}
