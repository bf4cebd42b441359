using System.Globalization;

namespace Prebias.Core.Validation;

/// <summary>
/// Validation errors keyed by the request field they name (JSON path style: <c>training.maxIters</c>,
/// <c>orderings[1].buckets</c>), the shape of ASP.NET's validation problem. The checks take nullable values and
/// skip absent ones, so one call per field reads like the documented range table.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public bool Has(string field) => _errors.ContainsKey(field);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    /// <summary>Takes in errors of an older check that already names its fields.</summary>
    public FieldErrors AddAll(IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages) Add(field, message);
        return this;
    }

    public FieldErrors Range(string field, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max)) Add(field, $"{field} must be between {Format(min)} and {Format(max)}, not {Format(v)}.");
        return this;
    }

    /// <summary>A finite number in [min, max]; NaN and infinities are rejected even where the range is open-ended.</summary>
    public FieldErrors Range(string field, double? value, double min, double max)
    {
        if (value is not { } v) return this;
        if (!double.IsFinite(v)) Add(field, $"{field} must be a finite number.");
        else if (v < min || v > max) Add(field, $"{field} must be between {Format(min)} and {Format(max)}, not {Format(v)}.");
        return this;
    }

    /// <summary>A finite number in (min, max]: for rates that must be positive.</summary>
    public FieldErrors RangeExclusiveMin(string field, double? value, double min, double max)
    {
        if (value is not { } v) return this;
        if (!double.IsFinite(v)) Add(field, $"{field} must be a finite number.");
        else if (v <= min || v > max) Add(field, $"{field} must be greater than {Format(min)} and at most {Format(max)}, not {Format(v)}.");
        return this;
    }

    public FieldErrors MaxLength(string field, string? value, int max)
    {
        if (value is { } s && s.Length > max) Add(field, $"{field} must be at most {Format(max)} characters, not {Format(s.Length)}.");
        return this;
    }

    /// <summary>A list of at most <paramref name="max"/> items, none of them null (<c>[null]</c> names <c>field[0]</c>).</summary>
    public FieldErrors Items<T>(string field, IReadOnlyCollection<T?>? items, int min, int max)
    {
        if (items is null) return this;
        if (items.Count < min || items.Count > max)
            Add(field, min == max ? $"{field} must have {Format(min)} items." : $"{field} must have between {Format(min)} and {Format(max)} items, not {Format(items.Count)}.");
        var index = 0;
        foreach (var item in items)
        {
            if (item is null) Add($"{field}[{index}]", $"{field}[{index}] must not be null.");
            index++;
        }
        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
