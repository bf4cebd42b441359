namespace Prebias.Workers.Demo;

/// <summary>Ids produced by earlier demo stages and read by later ones.</summary>
public sealed class DemoContext
{
    public string CorpusId { get; set; } = "";
    public string TokenizerId { get; set; } = "";
    public string DatasetId { get; set; } = "";
    public string ExperimentId { get; set; } = "";
    public string MonitorJobId { get; set; } = "";

    /// <summary>The experiment's runs: id, ordering label, seed.</summary>
    public List<(string Id, string Ordering, long Seed)> Runs { get; } = [];
}
