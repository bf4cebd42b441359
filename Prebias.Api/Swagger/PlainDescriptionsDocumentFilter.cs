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
        var schemas = document.Components?.Schemas?.Values.AsEnumerable() ?? [];
        // The XML comments name the C# properties (InitSeeds); the reader sends the JSON fields (initSeeds).
        var fields = schemas.OfType<OpenApiSchema>().SelectMany(s => s.Properties?.Keys.AsEnumerable() ?? [])
            .ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in schemas) Visit(schema, seen, fields);
    }

    private static void Visit(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen, HashSet<string> fields)
    {
        if (schema is not OpenApiSchema s || !seen.Add(s)) return;
        s.Description = Plain(s.Description) is { } plain ? FieldNames(plain, fields) : null;
        foreach (var property in s.Properties?.Values.AsEnumerable() ?? []) Visit(property, seen, fields);
        if (s.Items is { } items) Visit(items, seen, fields);
        foreach (var part in (s.AllOf ?? []).Concat(s.AnyOf ?? []).Concat(s.OneOf ?? [])) Visit(part, seen, fields);
        if (s.AdditionalProperties is { } values) Visit(values, seen, fields);
    }

    /// <summary>PascalCase names of two or more words that are JSON fields in camelCase become the field.</summary>
    public static string FieldNames(string text, IReadOnlySet<string> fields) => PascalIdentifier().Replace(text, m =>
    {
        var camel = char.ToLowerInvariant(m.Value[0]) + m.Value[1..];
        return fields.Contains(camel) ? camel : m.Value;
    });

    /// <summary>"P:Prebias.Core.Ordering.OrderingSpec.Method" → "method", a type keeps its name, "(issue 5)"
    /// goes.</summary>
    public static string? Plain(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = CodeReference().Replace(text, m =>
        {
            var name = m.Groups["name"].Value.Split('.')[^1];
            // A property or field is a JSON field to the reader: camelCase, as it is sent.
            return m.Groups["kind"].Value is "P" or "F" ? char.ToLowerInvariant(name[0]) + name[1..] : name;
        });
        text = SeeCode().Replace(text, "");
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

    // "(see RunSpecResolver)", "See CurriculumPacing.": pointers into the code, of no use to an API reader.
    [GeneratedRegex(@"\s*\(see\s+[A-Z][A-Za-z0-9]*\)|\s*See\s+[A-Z][A-Za-z0-9]*\.")]
    private static partial Regex SeeCode();

    [GeneratedRegex(@"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex PascalIdentifier();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
