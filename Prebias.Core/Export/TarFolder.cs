using System.Formats.Tar;

namespace Prebias.Core.Export;

/// <summary>
/// A folder as a POSIX tar stream whose one top-level entry is the folder itself (untar, then load it).
/// </summary>
public static class TarFolder
{
    public static Task WriteAsync(string folder, Stream destination, CancellationToken ct) =>
        TarFile.CreateFromDirectoryAsync(folder, destination, includeBaseDirectory: true, ct);
}
