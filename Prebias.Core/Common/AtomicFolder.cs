namespace Prebias.Core;

/// <summary>
/// The one write-a-folder-then-rename, the folder counterpart of <see cref="AtomicFile"/>: the content goes to a
/// uniquely named sibling (<c>.tmp-</c>, which the artifact sweep removes when a process was killed), which is renamed
/// over the target, replacing an older folder, so a reader sees the old folder or the whole new one, never half of it.
/// On failure the temporary folder is removed and the target is left as it was.
/// </summary>
public static class AtomicFolder
{
    public static void Replace(string folder, Action<string> write) =>
        ReplaceAsync<object?>(folder, temp =>
        {
            write(temp);
            return Task.FromResult<object?>(null);
        }).GetAwaiter().GetResult();

    public static async Task<T> ReplaceAsync<T>(string folder, Func<string, Task<T>> write)
    {
        var final = Path.GetFullPath(folder);
        var temp = $"{final}.tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(temp);
        try
        {
            var result = await write(temp);
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
            return result;
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }
}
