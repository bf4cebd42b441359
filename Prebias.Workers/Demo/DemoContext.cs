namespace Prebias.Workers.Demo;

/// <summary>Ids produced by earlier demo stages and read by later ones.</summary>
public sealed class DemoContext
{
    public string CorpusId { get; set; } = "";
    public string TokenizerId { get; set; } = "";
    public string DatasetId { get; set; } = "";
    public List<string> RunIds { get; } = [];
}
