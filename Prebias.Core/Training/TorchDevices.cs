using static TorchSharp.torch;

namespace Prebias.Core.Training;

/// <summary>Turns the configured device name into a torch device.</summary>
public static class TorchDevices
{
    /// <summary>"auto" picks cuda when available; "cuda" without a GPU throws.</summary>
    public static Device Resolve(string name)
    {
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == "auto") return cuda.is_available() ? CUDA : CPU;
        if (normalized.StartsWith("cuda", StringComparison.Ordinal) && !cuda.is_available())
            throw new InvalidOperationException($"Device '{name}' requested but CUDA is not available.");
        return new Device(normalized);
    }
}
