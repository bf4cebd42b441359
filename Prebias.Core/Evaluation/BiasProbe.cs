using Prebias.Core.Analysis;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Runs the bias probes of <see cref="BiasProbeOptions"/> on a model: every (pronoun, template, subject) continuation
/// and every minimal-pair sentence becomes a <see cref="LogLikelihoodRequest"/>, all scored together in a few batched
/// forward passes by <see cref="SequenceLogLikelihood"/>; the arithmetic is <see cref="BiasProbeArithmetic"/>'s.
/// </summary>
public sealed class BiasProbe(BiasProbeOptions? options = null)
{
    public BiasProbeOptions Options { get; } = options ?? new BiasProbeOptions();

    public BiasProbeResult Run(Transformer model, ITextTokenizer tokenizer)
    {
        var start = SequenceStart.Of(tokenizer);
        var requests = new List<LogLikelihoodRequest>();
        var subjects = Options.Occupations.Concat(Options.NeutralSubjects).ToArray();

        // Pronoun readings: for each probe, template and subject, the feminine then the masculine continuation.
        var readings = new List<(int Probe, string Subject, string Template, ContinuationRequests Feminine, ContinuationRequests Masculine)>();
        for (var p = 0; p < Options.Pronouns.Count; p++)
        {
            var probe = Options.Pronouns[p];
            foreach (var template in probe.Templates)
                foreach (var subject in subjects)
                {
                    var context = ProbeTemplates.Fill(template, subject);
                    readings.Add((p, subject, template,
                        ContinuationRequests.Add(requests, tokenizer, start, context, probe.Feminine),
                        ContinuationRequests.Add(requests, tokenizer, start, context, probe.Masculine)));
                }
        }

        // Minimal pairs: whole-sentence log-likelihood, BOS + tokens, every token after BOS scored.
        var pairs = Options.MinimalPairs();
        var pairStart = requests.Count;
        foreach (var pair in pairs)
        {
            requests.Add(new LogLikelihoodRequest([start, .. tokenizer.Encode(pair.Stereotyped)], 1));
            requests.Add(new LogLikelihoodRequest([start, .. tokenizer.Encode(pair.AntiStereotyped)], 1));
        }

        var scores = SequenceLogLikelihood.Score(model, requests, Options.BatchSize);

        var pronounResults = Options.Pronouns.Select((probe, p) =>
        {
            var mine = readings.Where(r => r.Probe == p)
                .Select(r => new PronounLogProbs(r.Subject, r.Template, r.Feminine.LogProb(scores), r.Masculine.LogProb(scores)))
                .ToList();
            return Summarise(probe.Name, mine);
        }).ToList();
        var minimalPairs = pairs.Select((p, i) =>
            new MinimalPair(p.Id, scores[pairStart + 2 * i], scores[pairStart + 2 * i + 1])).ToList();
        return new BiasProbeResult(pronounResults, minimalPairs, BiasProbeArithmetic.ScoreMinimalPairs(minimalPairs));
    }

    private PronounProbeResult Summarise(string name, List<PronounLogProbs> readings)
    {
        var neutral = Options.NeutralSubjects.ToHashSet(StringComparer.Ordinal);
        var occupationScores = BiasProbeArithmetic.ScoreOccupations(
            readings.Where(r => !neutral.Contains(r.Subject)), readings.Where(r => neutral.Contains(r.Subject)));
        var meanAdjusted = occupationScores.Count == 0 ? double.NaN : occupationScores.Average(s => s.Adjusted);
        // Signed towards the stereotype: a "she" occupation leaning feminine and a "he" occupation leaning masculine both count positive.
        var signed = occupationScores
            .Where(s => Options.Stereotypes.ContainsKey(s.Occupation))
            .Select(s => BiasProbeOptions.IsFeminine(Options.Stereotypes[s.Occupation]) ? s.Adjusted : -s.Adjusted)
            .ToList();
        return new PronounProbeResult(name, readings, occupationScores, meanAdjusted, signed.Count == 0 ? double.NaN : signed.Average());
    }
}
