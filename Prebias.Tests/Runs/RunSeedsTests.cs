using Prebias.Core;
using Prebias.Core.Domain;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;
using Prebias.Core.Torch;
using Prebias.Core.Training;

namespace Prebias.Tests.Runs;

/// <summary>Init and order seeds: <c>seed</c> sets both, <c>seeds</c> sets them apart, and the order seed is what the
/// order compiler gets.</summary>
public class RunSeedsTests
{
    private static (long Init, long? OrderingSeed, Dictionary<string, string[]> Errors) Resolve(RunSpec spec)
    {
        var (seeded, seedErrors) = RunSeeds.Apply(spec);
        var (_, training, ordering, errors) = RunSpecResolver.Resolve(seeded, vocabSize: 512, datasetSeqLen: 64, new TorchOptions());
        foreach (var (field, messages) in seedErrors) errors[field] = messages;
        return (training.Options.Seed, ordering.Seed, errors);
    }

    [Fact]
    public void Resolve_SetsBothSeeds_WhenOnlySeedIsGiven()
    {
        var (init, order, errors) = Resolve(new RunSpec { Seed = 7 });
        Assert.Empty(errors);
        Assert.Equal(7, init);
        Assert.Equal(7, order);
    }

    [Fact]
    public void Resolve_SeparatesInitAndOrder_WhenSeedsAreGiven()
    {
        var (init, order, _) = Resolve(new RunSpec { Seed = 7, Seeds = new SeedsSpec { Init = 3, Order = 11 } });
        Assert.Equal(3, init);
        Assert.Equal(11, order);
        var (initOnly, orderFromSeed, _) = Resolve(new RunSpec { Seed = 7, Seeds = new SeedsSpec { Init = 3 } });
        Assert.Equal(3, initOnly);
        Assert.Equal(7, orderFromSeed);
    }

    [Fact]
    public void Resolve_Rejects_WhenSeedsOrderContradictsTheOrderingSeed()
    {
        var (_, _, errors) = Resolve(new RunSpec { Seeds = new SeedsSpec { Order = 2 }, Ordering = new OrderingSpec { Seed = 5 } });
        Assert.Contains("seeds.order", errors.Keys);
    }

    [Fact]
    public void OrderSeed_ChangesTheShuffle_AndInitSeedDoesNot()
    {
        int[] ids = [.. Enumerable.Range(0, 200)];
        int[] Order(long init, long order)
        {
            var (seeded, _) = RunSeeds.Apply(new RunSpec { Seeds = new SeedsSpec { Init = init, Order = order } });
            var (_, training, ordering, _) = RunSpecResolver.Resolve(seeded, 512, 64, new TorchOptions());
            return OrderingCompiler.Compile(ordering, ids, [], training.Options.Seed, 200).SampleIds;
        }
        Assert.Equal(Order(1, 5), Order(2, 5));
        Assert.NotEqual(Order(1, 5), Order(1, 6));
    }

    [Fact]
    public void Of_ReadsOrderSeedFromTheStoredOrdering_AndFallsBackToTheRunSeed()
    {
        RunRecord Run(OrderingSpec ordering) => new()
        {
            Seed = 4, Model = new ModelArgs(), Training = new ResolvedTraining(new TrainingOptions(), false),
            Ordering = ordering,
        };
        Assert.Equal(new RunSeeds(4, 9), RunSeeds.Of(Run(new OrderingSpec { Seed = 9 })));
        Assert.Equal(new RunSeeds(4, 4), RunSeeds.Of(Run(new OrderingSpec())));  // a run made before seeds were split
    }
}
