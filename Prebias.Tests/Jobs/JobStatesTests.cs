using Hangfire.States;
using Prebias.Core.Jobs;

namespace Prebias.Tests.Jobs;

public class JobStatesTests
{
    [Fact]
    public void A_continuation_waiting_for_its_parent_is_stored_as_Pending_and_other_states_keep_their_name()
    {
        Assert.Equal(JobStates.Pending, JobStates.Of(AwaitingState.StateName));
        Assert.Equal(JobStates.Enqueued, JobStates.Of(EnqueuedState.StateName));
        Assert.Equal(JobStates.Deleted, JobStates.Of(DeletedState.StateName));
        Assert.DoesNotContain(AwaitingState.StateName, JobStates.All);
    }
}
