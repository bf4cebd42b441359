namespace Prebias.Core.Datasets;

/// <summary>Which part of a dataset a sample belongs to.</summary>
public enum DatasetSplit
{
    Train,
    Val,
}
