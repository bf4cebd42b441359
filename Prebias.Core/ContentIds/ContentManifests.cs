using System.Text.Json;
using System.Text.Json.Nodes;
using Prebias.Core.Domain;

namespace Prebias.Core.ContentIds;

/// <summary>
/// The manifest of each kind of content: the hashes of its bytes, the settings that shaped them, and its parents'
/// content ids, never a database id, a name or a time, so equal content gives an equal manifest on any machine.
/// A checkpoint covers its weights, its run's model, training config and seed, and the order it was trained on.
/// </summary>
public static class ContentManifests
{
    public static JsonObject Corpus(CorpusRecord corpus) => new()
    {
        ["kind"] = ContentKind.Corpus,
        ["documentsSha256"] = corpus.Sha256,
        ["documents"] = corpus.DocumentCount,
        ["bytes"] = corpus.Bytes,
    };

    /// <summary>
    /// A mixture is also what it was mixed from: its parts' content ids in part order (the order gives each document's
    /// <c>origin</c>), their weights, its size and its seed, so two mixtures differ in id when any of them differs.
    /// </summary>
    public static JsonObject MixtureCorpus(CorpusRecord corpus, IReadOnlyList<string> partIds,
        IReadOnlyList<double> weights, int size, long seed)
    {
        var manifest = Corpus(corpus);
        manifest["mixture"] = new JsonObject
        {
            ["weights"] = new JsonArray([.. weights.Select(w => (JsonNode)JsonValue.Create(w))]),
            ["size"] = size,
            ["seed"] = seed,
        };
        manifest["parents"] = Parents([.. partIds]);
        return manifest;
    }

    /// <summary>A trained tokenizer names its corpus as parent; a given one is its model file alone.</summary>
    public static JsonObject Tokenizer(TokenizerRecord tokenizer, string? corpusId) => new()
    {
        ["kind"] = ContentKind.Tokenizer,
        ["tokenizerKind"] = tokenizer.Kind,
        ["modelSha256"] = tokenizer.Sha256,
        ["vocabSize"] = tokenizer.VocabSize,
        ["bosId"] = tokenizer.BosId,
        ["eosId"] = tokenizer.EosId,
        ["parents"] = Parents(corpusId),
    };

    public static JsonObject Dataset(DatasetRecord dataset, string corpusId, string tokenizerId) => new()
    {
        ["kind"] = ContentKind.Dataset,
        ["tokenStoreSha256"] = dataset.TokenStoreSha256,
        ["maxSeqLen"] = dataset.MaxSeqLen,
        ["valFraction"] = dataset.ValFraction,
        ["splitSeed"] = dataset.Seed,
        ["samples"] = dataset.SampleCount,
        ["trainSamples"] = dataset.TrainCount,
        ["parents"] = Parents(corpusId, tokenizerId),
    };

    public static JsonObject Order(RunRecord run, string datasetId) => new()
    {
        ["kind"] = ContentKind.Order,
        ["orderSha256"] = run.OrderSha256,
        ["length"] = run.OrderLength,
        ["parents"] = Parents(datasetId),
    };

    public static JsonObject Checkpoint(CheckpointRecord checkpoint, RunRecord run, string orderId) => new()
    {
        ["kind"] = ContentKind.Checkpoint,
        ["step"] = checkpoint.Step,
        ["weightsSha256"] = checkpoint.WeightsSha256,
        ["model"] = JsonSerializer.SerializeToNode(run.Model, JsonDefaults.Options),
        ["training"] = JsonSerializer.SerializeToNode(run.Training, JsonDefaults.Options),
        ["seed"] = run.Seed,
        ["parents"] = Parents(orderId),
    };

    private static JsonArray Parents(params string?[] ids) =>
        new(ids.Where(id => id is not null).Select(id => (JsonNode)JsonValue.Create(id)!).ToArray());
}
