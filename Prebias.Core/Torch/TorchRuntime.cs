using System.Reflection;
using TorchSharp;

namespace Prebias.Core.Torch;

/// <summary>
/// Loads the native torch runtime once per process and answers what it is: versions, device, threads.
/// Everything that touches torch goes through <see cref="Initialize"/> so the device option and thread count
/// are applied in one place.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    /// <summary>Loads libtorch, sets the thread count and resolves the device option (auto|cpu|cuda).</summary>
    public static torch.Device Initialize(TorchOptions options)
    {
        lock (Gate)
        {
            if (!_initialized)
            {
                // Forces the native library to load; a broken install fails here with torch's own message.
                torch.InitializeDeviceType(DeviceType.CPU);
                _initialized = true;
            }
            if (options.Threads > 0 && torch.get_num_threads() != options.Threads)
                torch.set_num_threads(options.Threads);
            return ResolveDevice(options.Device);
        }
    }

    public static torch.Device ResolveDevice(string option) => option.Trim().ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new InvalidOperationException(
            "Device 'cuda' was requested but CUDA is not available (build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU)."),
        "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        var other => throw new ArgumentException($"Unknown torch device '{other}'; use auto, cpu or cuda."),
    };

    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The libtorch version the managed package was built against (TorchSharp 0.107 = libtorch 2.10).</summary>
    public static string LibTorchVersion => torch.__version__;
}
