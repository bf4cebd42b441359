using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// Descriptions in plain words: the XML comments' cross-references (<c>T:Prebias.Core.Ordering.OrderingSpec</c>,
/// <c>M:...Validate</c>) become the bare name a reader knows from the JSON, and references to issue numbers go.
/// </summary>
public sealed partial class PlainDescriptionsDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Info.Description = Plain(document.Info.Description);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Summary = Plain(operation.Summary);
            operation.Description = Plain(operation.Description);
            foreach (var parameter in operation.Parameters ?? [])
                if (parameter is OpenApiParameter p) p.Description = Plain(p.Description);
            if (operation.RequestBody is OpenApiRequestBody body) body.Description = Plain(body.Description);
            foreach (var response in operation.Responses?.Values.AsEnumerable() ?? [])
                if (response is OpenApiResponse r) r.Description = Plain(r.Description);
        }
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values.AsEnumerable() ?? []) Visit(schema, seen);
    }

    private static void Visit(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema s || !seen.Add(s)) return;
        s.Description = Plain(s.Description);
        foreach (var property in s.Properties?.Values.AsEnumerable() ?? []) Visit(property, seen);
        if (s.Items is { } items) Visit(items, seen);
        foreach (var part in (s.AllOf ?? []).Concat(s.AnyOf ?? []).Concat(s.OneOf ?? [])) Visit(part, seen);
        if (s.AdditionalProperties is { } values) Visit(values, seen);
    }

    /// <summary>"T:Prebias.Core.Ordering.OrderingSpec.Method" → "method"; a type keeps its name; "(issue 5)" goes.</summary>
    public static string? Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = CodeReference().Replace(text, m =>
        {
            var name = m.Groups["name"].Value.Split('.')[^1];
            // A property or field is a JSON field to the reader: camelCase, as it is sent.
            return m.Groups["kind"].Value is "P" or "F" ? char.ToLowerInvariant(name[0]) + name[1..] : name;
        });
        text = IssueInParentheses().Replace(text, "");
        text = IssueReference().Replace(text, "");
        return Spaces().Replace(text, " ").Replace(" .", ".").Replace(" ,", ",").Trim();
    }

    [GeneratedRegex(@"(?:(?<kind>[TMPFE]):)?(?<name>Prebias(?:\.[A-Za-z_][A-Za-z0-9_`]*)+)(?:\([^)]*\))?")]
    private static partial Regex CodeReference();

    [GeneratedRegex(@"\s*\((?:see\s+)?issues?\s+#?\d+(?:\s*§\s*\d+)?\)", RegexOptions.IgnoreCase)]
    private static partial Regex IssueInParentheses();

    [GeneratedRegex(@"[,;]?\s*\b(?:see\s+)?issues?\s+#?\d+(?:\s*§\s*\d+)?", RegexOptions.IgnoreCase)]
    private static partial Regex IssueReference();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
