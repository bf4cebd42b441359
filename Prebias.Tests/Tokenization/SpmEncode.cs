using System.Text;
using Prebias.Core.Tokenization;

namespace Prebias.Tests.Tokenization;

/// <summary>Runs the real <c>spm_encode --output_format=id</c> (Debian 'sentencepiece') on lines; one id line per input line.</summary>
internal static class SpmEncode
{
    public static async Task<List<string>> IdsAsync(string modelPath, IReadOnlyList<string> lines, string workDirectory)
    {
        var input = Path.Combine(workDirectory, $"spm-in-{Guid.NewGuid():N}.txt");
        var output = Path.ChangeExtension(input, ".ids");
        await File.WriteAllTextAsync(input, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        var run = await ExternalTool.RunAsync("spm_encode",
            [$"--model={modelPath}", "--output_format=id", $"--input={input}", $"--output={output}"], CancellationToken.None);
        Assert.True(run.ExitCode == 0, run.StandardErrorTail);
        var ids = (await File.ReadAllLinesAsync(output)).ToList();
        Assert.Equal(lines.Count, ids.Count);
        return ids;
    }
}
