namespace Prebias.Tests.Architecture;

/// <summary>The repository's source files, found from the test binary by walking up to <c>Prebias.sln</c>.</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>Hand-written C# files of a project folder, without build output and EF's generated migrations.</summary>
    public static IEnumerable<string> CSharpFiles(string project) =>
        Directory.EnumerateFiles(Path.Combine(Root, project), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsGenerated(Path.GetRelativePath(Root, path)));

    private static bool IsGenerated(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("Migrations");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Prebias.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Prebias.sln above {AppContext.BaseDirectory}.");
    }
}
