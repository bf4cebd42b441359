using System.Globalization;
using System.Text.RegularExpressions;

namespace Prebias.Core.Metrics;

/// <summary>
/// Document attributes as metrics: a corpus attribute <c>bad_ending</c> is the metric <c>attr.bad_ending</c>.
/// Booleans read 1 (<c>true</c>) and 0 (<c>false</c>), numbers are parsed invariantly, anything else is not a value.
/// Names are lower-case <c>[a-z0-9_]</c>, at most 60 characters, so a name is safe to show and to pass as a query
/// parameter; the SQL never holds it as an identifier.
/// </summary>
public static partial class AttributeMetric
{
    public const string Prefix = "attr.";

    [GeneratedRegex("^[a-z0-9_]{1,60}$")]
    private static partial Regex KeyPattern();

    /// <summary>The metric name of an attribute key, or null when the key cannot be a metric name.</summary>
    public static string? NameOf(string attributeKey)
    {
        var key = attributeKey.ToLowerInvariant();
        return KeyPattern().IsMatch(key) ? Prefix + key : null;
    }

    /// <summary>The attribute key of a metric name (<c>attr.bad_ending</c> → <c>bad_ending</c>), case-insensitive.</summary>
    public static bool TryParse(string name, out string key)
    {
        key = "";
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var candidate = name[Prefix.Length..].ToLowerInvariant();
        if (!KeyPattern().IsMatch(candidate)) return false;
        key = candidate;
        return true;
    }

    /// <summary>A definition for a well-formed attribute metric name (its values may not exist yet).</summary>
    public static bool TryDefine(string name, out MetricDefinition definition)
    {
        definition = null!;
        if (!TryParse(name, out var key)) return false;
        definition = new MetricDefinition(Prefix + key, $"Document attribute '{key}' of the corpus (booleans as 1/0).",
            MetricRange.Unbounded, $"a higher '{key}' attribute", MetricKind.Attribute) { Index = -1 };
        return true;
    }

    /// <summary>The numeric value of an attribute's text, or null when it is neither a boolean nor a number.</summary>
    public static double? ValueOf(string text)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return 1;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : null;
    }
}
