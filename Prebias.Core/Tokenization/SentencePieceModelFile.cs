using System.Text;

namespace Prebias.Core.Tokenization;

/// <summary>
/// The parts of a SentencePiece <c>.model</c> (ModelProto of sentencepiece_model.proto) that Prebias needs:
/// the pieces with scores and types (for llama2.c's tokenizer.bin), the model type and a few normalizer flags.
/// Parsing also validates the file before Microsoft.ML.Tokenizers sees it.
/// </summary>
public sealed class SentencePieceModelFile
{
    // Field numbers from sentencepiece_model.proto.
    private const int ModelPiecesField = 1, ModelTrainerSpecField = 2, ModelNormalizerSpecField = 3;
    private const int PieceTextField = 1, PieceScoreField = 2, PieceTypeField = 3;
    private const int TrainerModelTypeField = 3, TrainerByteFallbackField = 35;
    private const int NormalizerNameField = 1, NormalizerAddDummyPrefixField = 3, NormalizerRemoveExtraWhitespacesField = 4;

    private SentencePieceModelFile(IReadOnlyList<SentencePieceEntry> pieces) => Pieces = pieces;

    /// <summary>Vocabulary in id order.</summary>
    public IReadOnlyList<SentencePieceEntry> Pieces { get; }

    /// <summary>TrainerSpec.model_type: "unigram" (proto default), "bpe", "word" or "char".</summary>
    public string ModelType { get; private set; } = "unigram";

    public bool ByteFallback { get; private set; }

    /// <summary>NormalizerSpec.name, e.g. "identity" (llama2.c) or "nmt_nfkc" (spm_train default).</summary>
    public string NormalizerName { get; private set; } = "";

    /// <summary>NormalizerSpec.add_dummy_prefix (proto default true): a "▁" is prepended to the text before encoding.</summary>
    public bool AddDummyPrefix { get; private set; } = true;

    /// <summary>NormalizerSpec.remove_extra_whitespaces (proto default true).</summary>
    public bool RemoveExtraWhitespaces { get; private set; } = true;

    public static SentencePieceModelFile Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"SentencePiece model not found: {path}", path);
        return Parse(File.ReadAllBytes(path));
    }

    public static SentencePieceModelFile Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new TokenizerFormatException("Not a valid SentencePiece model: the file is empty.");
        var pieces = new List<SentencePieceEntry>();
        var model = new SentencePieceModelFile(pieces);
        var reader = new ProtobufReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (wire == 2 && field == ModelPiecesField) pieces.Add(ParsePiece(reader.ReadBytes()));
            else if (wire == 2 && field == ModelTrainerSpecField) model.ParseTrainerSpec(reader.ReadBytes());
            else if (wire == 2 && field == ModelNormalizerSpecField) model.ParseNormalizerSpec(reader.ReadBytes());
            else reader.Skip(wire);
        }
        if (pieces.Count == 0)
            throw new TokenizerFormatException("Not a valid SentencePiece model: it contains no vocabulary pieces.");
        return model;
    }

    private static SentencePieceEntry ParsePiece(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        string text = "";
        float score = 0;
        var type = SentencePieceType.Normal; // proto default
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == PieceTextField && wire == 2) text = DecodeUtf8(reader.ReadBytes());
            else if (field == PieceScoreField && wire == 5) score = reader.ReadFloat();
            else if (field == PieceTypeField && wire == 0) type = (SentencePieceType)(int)reader.ReadVarint();
            else reader.Skip(wire);
        }
        if (!Enum.IsDefined(type))
            throw new TokenizerFormatException($"Not a valid SentencePiece model: piece '{text}' has unknown type {(int)type}.");
        return new SentencePieceEntry(text, score, type);
    }

    private void ParseTrainerSpec(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == TrainerModelTypeField && wire == 0)
                ModelType = reader.ReadVarint() switch { 1 => "unigram", 2 => "bpe", 3 => "word", 4 => "char", var t => $"unknown({t})" };
            else if (field == TrainerByteFallbackField && wire == 0) ByteFallback = reader.ReadVarint() != 0;
            else reader.Skip(wire);
        }
    }

    private void ParseNormalizerSpec(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == NormalizerNameField && wire == 2) NormalizerName = DecodeUtf8(reader.ReadBytes());
            else if (field == NormalizerAddDummyPrefixField && wire == 0) AddDummyPrefix = reader.ReadVarint() != 0;
            else if (field == NormalizerRemoveExtraWhitespacesField && wire == 0) RemoveExtraWhitespaces = reader.ReadVarint() != 0;
            else reader.Skip(wire);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            throw new TokenizerFormatException("Not a valid SentencePiece model: a piece is not valid UTF-8 (corrupt file).", e);
        }
    }
}
