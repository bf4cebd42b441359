namespace Prebias.Core.Training;

/// <summary>Which split an evaluation batch comes from (train.py's estimate_loss covers both).</summary>
public enum EvalSplit
{
    Train,
    Val,
}
