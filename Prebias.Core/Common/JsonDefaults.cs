using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prebias.Core;

/// <summary>The JSON settings of stored documents (sources, configs, reports): camelCase like the REST API.</summary>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Polymorphic documents (branch transforms) name their "kind" wherever the writer put it.
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
