namespace Prebias.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline; the failure message says what was last seen.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {value}");
            await Task.Delay(200);
        }
    }
}
