using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Api.Contracts;
using Prebias.Core.Jobs;

namespace Prebias.Api.Apis;

/// <summary>
/// A launcher's answer as HTTP: 202 with <c>{ id, jobId }</c> and a Location, 400 naming the fields, 404 or 409.
/// </summary>
public static class LaunchResults
{
    public static Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult> ToHttp(this LaunchResult result) =>
        result switch
    {
        LaunchResult.Accepted a => TypedResults.Accepted(a.Location, new AcceptedJob(a.Id, a.JobId)),
        LaunchResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
        LaunchResult.Missing m => Problems.NotFound(m.Title, m.Detail),
        LaunchResult.Conflict c => Problems.Conflict(c.Title, c.Detail),
        _ => throw new UnreachableException($"Unknown launch result {result.GetType().Name}."),
    };
}
