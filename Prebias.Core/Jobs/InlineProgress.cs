namespace Prebias.Core.Jobs;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back on the reporting thread. <see cref="Progress{T}"/> posts to the
/// thread pool, so its late callbacks can overwrite a job's final progress message.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
