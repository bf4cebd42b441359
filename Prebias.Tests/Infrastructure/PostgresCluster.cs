using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Prebias.Tests.Infrastructure;

/// <summary>
/// A throwaway Postgres cluster from the system's binaries: initdb into /tmp, listen on 127.0.0.1 and a free
/// port, removed on dispose. initdb refuses to run as root, so as root every command runs as the postgres user.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _binDir;
    private readonly bool _asPostgresUser;

    public string DataDir { get; }
    public int Port { get; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    private PostgresCluster(string binDir, string dataDir, int port, bool asPostgresUser)
    {
        (_binDir, DataDir, Port, _asPostgresUser) = (binDir, dataDir, port, asPostgresUser);
    }

    public static PostgresCluster Start()
    {
        var binDir = FindBinDir();
        var asPostgres = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), $"prebias-test-pg-{Guid.NewGuid():N}");
        // test.sh removes clusters whose owner is dead; a live owner's cluster (another test run on this machine) stays.
        File.WriteAllText(dataDir + ".owner", Environment.ProcessId.ToString());
        Directory.CreateDirectory(dataDir);
        if (asPostgres) Run("chown", ["postgres:postgres", dataDir]);
        var cluster = new PostgresCluster(binDir, dataDir, FreePort(), asPostgres);
        cluster.Pg("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        cluster.Pg("pg_ctl", ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "-o",
            $"-p {cluster.Port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start"]);
        return cluster;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        cmd.ExecuteNonQuery();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public void Dispose()
    {
        try { Pg("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "stop"]); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(DataDir, recursive: true); File.Delete(DataDir + ".owner"); }
        catch (IOException) { }
    }

    private void Pg(string tool, string[] args)
    {
        var exe = Path.Combine(_binDir, tool);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        else Run(exe, args);
    }

    private static void Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr}{stdout.Result}");
    }

    private static string FindBinDir()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        if (versions.Count > 0) return Path.Combine(versions[0], "bin");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return onPath ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: install the 'postgresql' package (./test.sh does this).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
