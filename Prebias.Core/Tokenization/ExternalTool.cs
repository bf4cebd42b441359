using System.ComponentModel;
using System.Diagnostics;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Runs a command-line tool (spm_train, spm_encode) with an argument list (no shell, so no quoting issues),
/// draining stdout/stderr and keeping the last lines of stderr for error messages. Cancellation kills the process tree.
/// </summary>
public static class ExternalTool
{
    /// <summary>Result of a finished run: exit code and the last <c>maxStderrLines</c> lines of stderr.</summary>
    public sealed record Result(int ExitCode, string StandardErrorTail);

    /// <exception cref="ExternalToolMissingException">The executable cannot be started (not installed / not on PATH).</exception>
    public static async Task<Result> RunAsync(
        string executable, IEnumerable<string> arguments, CancellationToken ct, int maxStderrLines = 40)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var tail = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > maxStderrLines) tail.Dequeue();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExternalToolMissingException(executable, e);
        }
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // flushes the async stderr reader
        lock (tail) return new Result(process.ExitCode, string.Join('\n', tail));
    }
}
