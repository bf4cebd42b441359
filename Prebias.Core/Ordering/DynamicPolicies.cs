namespace Prebias.Core.Ordering;

/// <summary>The values of <see cref="OrderingSpec.Policy"/> for the <c>dynamic</c> method.</summary>
public static class DynamicPolicies
{
    /// <summary>Online batch selection (Loshchilov &amp; Hutter 2015): draw ∝ per-sample loss^α under the current
    /// model.</summary>
    public const string Loss = "loss";
    /// <summary>Steer an output metric toward <see cref="OrderingSpec.Target"/>: draw ∝ exp(β·sign(target −
    /// output)·z(metric)).</summary>
    public const string Target = "target";

    public static IReadOnlyList<string> All { get; } = [Loss, Target];
}
