using System.Text;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;

namespace Prebias.Tests.Corpora;

/// <summary>Writes a fixture file, imports it into a fresh corpus directory and reads the texts back.</summary>
internal static class ImportHelper
{
    public static (CorpusImportReport Report, IReadOnlyList<string> Texts) Import(
        string fileName, string content, CorpusImportOptions? options = null) =>
        Import(fileName, Encoding.UTF8.GetBytes(content), options);

    public static (CorpusImportReport Report, IReadOnlyList<string> Texts) Import(
        string fileName, byte[] content, CorpusImportOptions? options = null)
    {
        using var temp = new TempDirectory();
        var path = temp.File(fileName);
        File.WriteAllBytes(path, content);
        var report = CorpusFileImporter.ImportToDirectory(path, temp.File("corpus"), options);
        using var reader = CorpusReader.Open(temp.File("corpus"));
        return (report, reader.ReadTexts(0, reader.Count));
    }

    public static CorpusImportException Fails(string fileName, string content, CorpusImportOptions? options = null) =>
        Fails(fileName, Encoding.UTF8.GetBytes(content), options);

    public static CorpusImportException Fails(string fileName, byte[] content, CorpusImportOptions? options = null)
    {
        using var temp = new TempDirectory();
        var path = temp.File(fileName);
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<CorpusImportException>(() =>
            CorpusFileImporter.ImportToDirectory(path, temp.File("corpus"), options));
        Assert.False(File.Exists(Path.Combine(temp.File("corpus"), CorpusFolder.Manifest)),
            "a failed import left a corpus");
        Assert.Empty(Directory.GetFiles(temp.File("corpus"))); // nothing half-written left behind
        return error;
    }
}
