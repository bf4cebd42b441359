using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Prebias.Api.Errors;

/// <summary>
/// Binding failures (malformed JSON, an unknown field, null where a value is required, a query value of the wrong
/// type) as validation problems naming the field, in the shape of every other 400: <c>errors: { "training.maxIter":
/// ["Unknown field."] }</c>. Minimal APIs throw these only with <c>RouteHandlerOptions.ThrowOnBadRequest</c>.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (field, message) = Describe(bad);
        http.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "One or more validation errors occurred." : "Unsupported request",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The field (a JSON path without <c>$.</c>, a parameter name, or <c>body</c>) and what is wrong with it.</summary>
    public static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var text = json.Message;
            if (text.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
                return (field, $"Unknown field '{field}'.");
            if (text.Contains("doesn't allow setting null values", StringComparison.Ordinal) || text.Contains("not allowed to be null", StringComparison.Ordinal))
                return (field, $"{field} must not be null.");
            if (ConvertedTo().Match(text) is { Success: true } conversion)
                return (field, $"{field} must be {Expected(conversion.Groups["type"].Value)}.");
            // The serializer's words without its ' Path: $.x | LineNumber: ...' suffix, which the field already says.
            var at = text.IndexOf(" Path:", StringComparison.Ordinal);
            return (field, $"Invalid value at '{field}': {(at > 0 ? text[..at] : text)}");
        }
        if (exception.Message.Contains("body", StringComparison.Ordinal)) return ("body", exception.Message);
        if (QueryBinding().Match(exception.Message) is { Success: true } query)
            return (query.Groups["name"].Value, $"{query.Groups["name"].Value} must be {Expected(query.Groups["type"].Value)}, not '{query.Groups["value"].Value}'.");
        return (ParameterName().Match(exception.Message) is { Success: true } parameter ? parameter.Groups["name"].Value : "request", exception.Message);
    }

    /// <summary>What a .NET type looks like in JSON, for "could not be converted to System.Nullable`1[System.Int64]".</summary>
    private static string Expected(string type) => type switch
    {
        _ when type.Contains("[]", StringComparison.OrdinalIgnoreCase) || type.Contains("List", StringComparison.OrdinalIgnoreCase) => "an array",
        _ when type.Contains("Dictionary", StringComparison.OrdinalIgnoreCase) => "an object",
        _ when type.Contains("Int", StringComparison.OrdinalIgnoreCase) || type.Contains("Double", StringComparison.OrdinalIgnoreCase)
            || type.Contains("Single", StringComparison.OrdinalIgnoreCase) || type.Contains("Long", StringComparison.OrdinalIgnoreCase) || type.Contains("Float", StringComparison.OrdinalIgnoreCase) || type.Contains("Decimal", StringComparison.OrdinalIgnoreCase) => "a number",
        _ when type.Contains("Bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("Guid", StringComparison.OrdinalIgnoreCase) => "a GUID string",
        _ when type.Contains("String", StringComparison.OrdinalIgnoreCase) => "a string",
        _ => "an object",
    };

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?( Path:|$)")]
    private static partial Regex ConvertedTo();

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // Failed to bind parameter "Nullable<int> limit" from "abc".
    [GeneratedRegex("^Failed to bind parameter \"(?<type>.*) (?<name>[A-Za-z_][A-Za-z0-9_]*)\" from \"(?<value>.*)\"")]
    private static partial Regex QueryBinding();

    // Binding messages quote the parameter as "<type> <name>", e.g. Failed to bind parameter "double? min" from "abc".
    [GeneratedRegex("parameter \"[^\"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
