namespace Prebias.Core.Jobs;

/// <summary>
/// A job failed for a reason the user can act on (bad input, an unreachable URL). Its message is what
/// <c>GET /api/jobs/{id}</c> shows as <c>error</c>; jobs that throw it are not retried.
/// </summary>
public sealed class JobFailedException(string message, Exception? inner = null) : Exception(message, inner);
