namespace Prebias.Tests.Infrastructure;

/// <summary>One cluster per test process, started on first use and removed when the process exits.</summary>
public static class TestPostgres
{
    private static readonly Lazy<PostgresCluster> Cluster = new(() =>
    {
        var cluster = PostgresCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    });

    public static PostgresCluster Instance => Cluster.Value;

    /// <summary>A fresh database with a unique name.</summary>
    public static string NewDatabase(string prefix = "prebias") => Instance.CreateDatabase($"{prefix}_{Guid.NewGuid():N}");
}
