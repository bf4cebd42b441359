using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Prebias.Core;
using Prebias.Core.Modeling;
using Prebias.Core.Runs;
using Prebias.Core.Torch;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// Defaults on the request schemas, taken from the code that applies them so they cannot drift: a property's
/// initial value on a fresh request record (<c>maxSeqLen</c> 256, <c>seeds</c> [1, 2, 3], ...), and for the
/// training and model fields, which are null until resolved, what <see cref="RunSpecResolver"/> makes of an empty
/// run request (batch size, learning rate, ... and the default preset's dimensions).
/// </summary>
public sealed class TrainingDefaultsSchemaFilter : ISchemaFilter
{
    // Resolved defaults that follow from another field: the value shown is the one at the default max_iters.
    private static readonly Dictionary<string, string> Derived = new()
    {
        ["warmupIters"] = "min(1000, maxIters / 10)",
        ["evalInterval"] = "max(1, maxIters / 4); checkpoints also at the log-spaced steps 1, 2, 4, ... below it",
        ["lrDecayIters"] = "maxIters",
        ["vocabSize"] = "the tokenizer's vocabulary size",
        ["maxSeqLen"] = "the dataset's context length",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, JsonNode?>> TrainingDefaults = new(ResolveTraining);
    private static readonly Lazy<IReadOnlyDictionary<string, JsonNode?>> ModelDefaults = new(ResolveModel);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }
            || context.Type.Namespace?.StartsWith("Prebias.", StringComparison.Ordinal) != true) return;
        var resolved = context.Type == typeof(TrainingSpec) ? TrainingDefaults.Value
            : context.Type == typeof(ModelSpec) ? ModelDefaults.Value : null;
        var initial = InitialValues(context.Type);
        foreach (var (name, property) in properties)
        {
            if (property is not OpenApiSchema field || field.Default is not null) continue;
            var isResolved = resolved is not null && Derived.ContainsKey(name);
            if (isResolved) field.Description = Append(field.Description, $"Default: {Derived[name]}.");
            if ((resolved?.GetValueOrDefault(name) ?? initial.GetValueOrDefault(name)) is { } value)
                field.Default = value.DeepClone();
        }
    }

    private static string Append(string? description, string text) =>
        string.IsNullOrEmpty(description) ? text : $"{description.TrimEnd()} {text}";

    /// <summary>A new instance's property values by JSON name; none without a parameterless constructor.</summary>
    private static Dictionary<string, JsonNode?> InitialValues(Type type)
    {
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null) return [];
        var instance = Activator.CreateInstance(type);
        var values = new Dictionary<string, JsonNode?>();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0);
        foreach (var p in properties)
        {
            var value = p.GetValue(instance);
            // Ids default to an empty Guid that means "not given"; objects are documented on their own schema.
            if (value is null or Guid || !IsPlain(p.PropertyType)) continue;
            values[JsonNamingPolicy.CamelCase.ConvertName(p.Name)] =
                JsonSerializer.SerializeToNode(value, p.PropertyType, JsonDefaults.Options);
        }
        return values;
    }

    private static bool IsPlain(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum) return true;
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
                ? type.GetGenericArguments()[0] : null;
        return element is not null && (element.IsPrimitive || element == typeof(string));
    }

    private static IReadOnlyDictionary<string, JsonNode?> ResolveTraining()
    {
        var (_, training, _, _) = RunSpecResolver.Resolve(new RunSpec(), vocabSize: 512, datasetSeqLen: 256,
            new TorchOptions());
        var values = ObjectValues(training.Options);
        values["logSpacedCheckpoints"] = JsonValue.Create(training.LogSpacedCheckpoints);
        foreach (var dependent in new[] { "threads", "device", "lrDecayIters", "seed" }) values.Remove(dependent);
        return values;
    }

    private static IReadOnlyDictionary<string, JsonNode?> ResolveModel()
    {
        var values = ObjectValues(ModelPresets.Get(new ModelSpec().Preset));
        values.Remove("vocabSize");
        values.Remove("maxSeqLen");
        return values;
    }

    private static Dictionary<string, JsonNode?> ObjectValues(object value) =>
        JsonSerializer.SerializeToNode(value, value.GetType(), JsonDefaults.Options)!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
}
