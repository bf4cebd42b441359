using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Prebias.Api.Errors;

/// <summary>
/// The API's JSON settings for request bodies: an unknown field is an error (a typo such as
/// <c>"training":{"maxIter":20}</c> used to be ignored and launch a 200-step run), and <c>null</c> is refused where
/// the contract's type is not nullable (<c>"model":{"preset":null}</c>, <c>"seeds":null</c>) instead of failing
/// deep inside with a 500. Both surface as <see cref="JsonException"/>s that <see cref="BadRequestExceptionHandler"/>
/// turns into a 400 naming the field.
/// </summary>
public static class RequestJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        // A branch transform's "kind" may come after its other fields, as clients write objects in any order.
        options.AllowOutOfOrderMetadataProperties = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AllowNullOnWrite);
    }

    /// <summary>
    /// Nullability is enforced on what clients send, not on what we answer: a response record with a non-nullable
    /// string that happens to be null (an old row) still serialises.
    /// </summary>
    private static void AllowNullOnWrite(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
            if (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null) property.IsGetNullable = true;
    }
}
