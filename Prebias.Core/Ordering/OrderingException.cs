namespace Prebias.Core.Ordering;

/// <summary>
/// An ordering that cannot be compiled: an invalid spec, or data that leaves nothing to train on (metric values
/// missing, a threshold that keeps no sample). The message is written for the user (safe to return as a 400 or
/// as a failed job's reason). An <see cref="ArgumentException"/>, like <see cref="Metrics.UnknownMetricException"/>.
/// </summary>
public sealed class OrderingException(string message) : ArgumentException(message);
