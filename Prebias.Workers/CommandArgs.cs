using System.Globalization;

namespace Prebias.Workers;

/// <summary>Minimal <c>--name value</c> option parsing shared by the benchmarks and the demo.</summary>
public sealed class CommandArgs(string[] args)
{
    public string? Get(string name)
    {
        var i = Array.IndexOf(args, $"--{name}");
        if (i < 0) return null;
        if (i + 1 >= args.Length) throw new ArgumentException($"--{name} needs a value");
        return args[i + 1];
    }

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");

    public int GetInt(string name, int fallback) =>
        Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
