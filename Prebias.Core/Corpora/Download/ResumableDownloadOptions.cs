namespace Prebias.Core.Corpora.Download;

/// <summary>Retry and reporting settings for <see cref="ResumableDownloader"/>.</summary>
public sealed record ResumableDownloadOptions
{
    /// <summary>HTTP requests per download; a dropped connection or a 5xx retries, resuming the .part file.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before retry k is k times this (linear back-off).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A body read that stalls this long counts as a dropped connection (retried and resumed); HttpClient.Timeout
    /// does not cover the body when streaming with ResponseHeadersRead.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Report progress at most once per this many bytes (and once at the end).</summary>
    public long ProgressEveryBytes { get; init; } = 4 << 20;
}
