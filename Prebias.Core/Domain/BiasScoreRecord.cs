namespace Prebias.Core.Domain;

/// <summary>
/// A bias probe score of a checkpoint: <c>she_he</c> / <c>her_his</c> (baseline-adjusted mean log-probability ratio for
/// a subject; <c>_mean</c> over occupations) or <c>minimal_pairs</c> (share where the stereotyped sentence is more likely).
/// </summary>
public sealed class BiasScoreRecord
{
    public Guid RunId { get; set; }
    public long Step { get; set; }
    public required string Probe { get; set; }
    public required string Subject { get; set; }
    public double Score { get; set; }
}
