namespace Prebias.Core.Jobs;

/// <summary>The job type shown by the jobs API: the job class name without its <c>Job</c> suffix.</summary>
public static class JobTypes
{
    public static string Of(Type jobClass) =>
        jobClass.Name.EndsWith("Job", StringComparison.Ordinal) ? jobClass.Name[..^3] : jobClass.Name;
}
