namespace Prebias.Tests.Architecture;

/// <summary>
/// The folder rule of <c>Prebias.Core/README.md</c>: a feature folder holds its pure code and its <c>*Job.cs</c> at
/// its root; <c>Prebias.Core/Jobs</c> holds only job infrastructure.
/// </summary>
public sealed class FolderRuleTests
{
    /// <summary>A Hangfire entry point is a class whose method carries <c>[Queue(...)]</c>.</summary>
    [Fact]
    public void Jobs_SitAtTheirFeatureRoot_NamedJob()
    {
        var core = Path.Combine(SourceTree.Root, "Prebias.Core");
        var jobs = SourceTree.CSharpFiles("Prebias.Core")
            .Where(path => File.ReadAllText(path).Contains("[Queue("))
            .Select(path => Path.GetRelativePath(core, path).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
        var misplaced = jobs
            .Where(job => job.Split('/') is not [var feature, var file]
                || feature == "Jobs" || !file.EndsWith("Job.cs", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(jobs);
        Assert.Empty(misplaced);
    }

    [Fact]
    public void NoFeature_HasAJobsSubfolder()
    {
        var core = Path.Combine(SourceTree.Root, "Prebias.Core");
        var nested = Directory.EnumerateDirectories(core, "Jobs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(core, path))
            .Where(relative => relative != "Jobs"
                && SourceTree.CSharpFiles(Path.Combine("Prebias.Core", relative)).Any())
            .ToList();

        Assert.Empty(nested);
    }
}
