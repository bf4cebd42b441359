using Prebias.Core.Ordering;

namespace Prebias.Core.Experiments;

/// <summary>A short readable name for an ordering, used to group runs in comparisons: "shuffle", "sort_asc:sentiment".</summary>
public static class OrderingLabels
{
    public static string Of(OrderingSpec spec)
    {
        var label = spec.Metric is null ? spec.Method : $"{spec.Method}:{spec.Metric}";
        if (spec.Min is not null || spec.Max is not null) label += $"[{spec.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{spec.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
        return label;
    }
}
