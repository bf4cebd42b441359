using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class OrderLedgerTests
{
    // 40 positions holding ids 100..139; B = 4, A = 2, so 8 samples per step and 5 whole steps.
    private static readonly OrderLedger Ledger = new(new CompiledOrder([.. Enumerable.Range(100, 40)], 40, 1), batchSize: 4, gradAccumSteps: 2);

    [Fact]
    public void MicroBatches_ReturnPositionsKTimesBA_WhenStepTwo()
    {
        Assert.Equal([116, 117, 118, 119, 120, 121, 122, 123],
            [.. Ledger.MicroBatch(2, 0).ToArray(), .. Ledger.MicroBatch(2, 1).ToArray()]);
        Assert.Equal(5, Ledger.StepCount);
    }

    [Fact]
    public void MicroBatch_ReturnsSecondHalfOfStep_WhenMicroStepOne() =>
        Assert.Equal([120, 121, 122, 123], Ledger.MicroBatch(2, 1).ToArray());

    [Fact]
    public void SamplesSeen_CountsAfterAndBeforeStep_WhenStepTwo()
    {
        Assert.Equal(24, Ledger.SamplesSeen(2));
        Assert.Equal(16, Ledger.SamplesSeenBefore(2));
        Assert.Equal(0, Ledger.SamplesSeenBefore(0));
    }

    [Fact]
    public void WindowBetween_ReturnsStepsAfterAUpToB_WhenOneToThree()
    {
        Assert.Equal(Enumerable.Range(116, 16), Ledger.WindowBetween(1, 3).ToArray());
        Assert.Empty(Ledger.WindowBetween(2, 2).ToArray());
    }

    [Fact]
    public void Cumulative_ReturnsAllEarlierSteps_WhenStepOne() =>
        Assert.Equal(Enumerable.Range(100, 16), Ledger.Cumulative(1).ToArray());

    [Fact]
    public void MicroBatch_ThrowsWithNeededLength_WhenPastTheOrder()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.MicroBatch(5, 1));
        Assert.Contains("samplesNeeded >= 48", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.MicroBatch(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ledger.MicroBatch(-1, 0));
    }
}
