using Prebias.Core.Corpora.Synthetic;

namespace Prebias.Core.Evaluation.InContext;

/// <summary>
/// The probe input of the induction-head scores (Olsson et al. 2022): <c>start, r₁..r_L, r₁..r_L</c> with r drawn
/// uniformly from the vocabulary (the first ids, special in SentencePiece vocabularies, left out). Seeded, so every
/// checkpoint of a run is probed on the same sequences.
/// </summary>
public sealed record RepeatedTokens(long[] Tokens, int Sequences, int RepeatLength)
{
    /// <summary>Ids below this are unk/BOS/EOS in llama2.c's vocabularies; random text never holds them.</summary>
    public const int FirstOrdinaryId = 3;

    /// <summary>Tokens per sequence: the start token and two copies.</summary>
    public int SequenceLength => 2 * RepeatLength + 1;

    /// <param name="repeatLength">L: the length of one copy; 2L + 1 must fit in max_seq_len.</param>
    public static RepeatedTokens Draw(int sequences, int repeatLength, int vocabSize, int startToken, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequences, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeatLength, 2);
        var first = vocabSize > FirstOrdinaryId + 1 ? FirstOrdinaryId : 0;
        var random = new DeterministicRandom(seed);
        var length = 2 * repeatLength + 1;
        var tokens = new long[sequences * length];
        for (var b = 0; b < sequences; b++)
        {
            var row = tokens.AsSpan(b * length, length);
            row[0] = startToken;
            for (var i = 0; i < repeatLength; i++)
                row[1 + i] = row[1 + repeatLength + i] = first + random.NextInt(vocabSize - first);
        }
        return new RepeatedTokens(tokens, sequences, repeatLength);
    }
}
