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
        var parameter = ParameterName().Match(exception.Message);
        var name = parameter.Success ? parameter.Groups["name"].Value : "body";
        return (exception.Message.Contains("from the request body", StringComparison.Ordinal) || exception.Message.Contains("from body", StringComparison.Ordinal) ? "body" : name,
            exception.Message);
    }

    /// <summary>What a .NET type looks like in JSON, for "could not be converted to System.Nullable`1[System.Int64]".</summary>
    private static string Expected(string type) => type switch
    {
        _ when type.Contains("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal) => "an array",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ when type.Contains("Int", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal)
            || type.Contains("Single", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("Guid", StringComparison.Ordinal) => "a GUID string",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ => "an object",
    };

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?( Path:|$)")]
    private static partial Regex ConvertedTo();

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // Binding messages quote the parameter as "<type> <name>", e.g. Failed to bind parameter "double? min" from "abc".
    [GeneratedRegex("parameter \"[^\"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
