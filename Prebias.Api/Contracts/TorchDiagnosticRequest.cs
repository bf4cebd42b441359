using System.ComponentModel.DataAnnotations;

namespace Prebias.Api.Contracts;

/// <summary>Optional settings of the torch proof job.</summary>
/// <param name="MatrixSize">Side of the square fp32 matrices (default 1024).</param>
/// <param name="Iterations">Timed matmuls (default 20).</param>
public sealed record TorchDiagnosticRequest(
    [property: Range(16, 8192)] int MatrixSize = 1024,
    [property: Range(1, 1000)] int Iterations = 20);
