namespace Prebias.Api.Contracts;

/// <summary>Answer to a POST that starts work: the new resource's id and the job producing it.</summary>
/// <param name="Id">Id of the resource being produced.</param>
/// <param name="JobId">Hangfire job id; poll <c>GET /api/jobs/{jobId}</c>.</param>
public sealed record AcceptedJob(string Id, string JobId);
