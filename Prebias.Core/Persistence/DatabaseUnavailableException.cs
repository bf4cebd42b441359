namespace Prebias.Core.Persistence;

/// <summary>Postgres could not be reached at start-up; hosts log it in one line and exit non-zero.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
