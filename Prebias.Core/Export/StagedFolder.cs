namespace Prebias.Core.Export;

/// <summary>
/// Writes a folder in a temporary sibling and renames it into place, replacing an older one, so a reader sees the
/// old folder or the whole new one, never half of it; on failure the temporary folder is removed.
/// </summary>
public static class StagedFolder
{
    public static void Replace(string folder, Action<string> write)
    {
        var final = Path.GetFullPath(folder);
        var temp = $"{final}.tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temp, final);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }
}
