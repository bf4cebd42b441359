namespace Prebias.Core.Domain;

/// <summary>Result of the torch proof job: which device a worker sees and how fast a 1024×1024 fp32 matmul runs there.</summary>
public sealed class TorchDiagnostic
{
    public Guid Id { get; set; }
    public string? JobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int MatrixSize { get; set; } = 1024;
    public int Iterations { get; set; } = 20;
    public string? Device { get; set; }
    public string? TorchSharpVersion { get; set; }
    public string? LibTorchVersion { get; set; }
    public int? Threads { get; set; }
    public double? Gflops { get; set; }

    /// <summary>Host name of the worker that ran it: shows which process did the work.</summary>
    public string? Worker { get; set; }
}
