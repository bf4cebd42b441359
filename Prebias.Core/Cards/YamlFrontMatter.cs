using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Prebias.Core.Cards;

/// <summary>
/// The YAML block between <c>---</c> lines that opens a Hugging Face card. Maps are
/// <see cref="IReadOnlyList{T}"/> of key/value pairs (keys in the order given), lists are any other
/// <see cref="IEnumerable"/>; strings are written double-quoted with JSON escapes, which YAML reads unchanged,
/// so no user text (a corpus name, a URL) can break the block.
/// </summary>
public static class YamlFrontMatter
{
    public static string Write(IReadOnlyList<KeyValuePair<string, object?>> fields)
    {
        var builder = new StringBuilder("---\n");
        WriteMap(builder, fields, 0);
        builder.Append("---\n");
        return builder.ToString();
    }

    private static void WriteMap(StringBuilder builder, IReadOnlyList<KeyValuePair<string, object?>> map, int indent)
    {
        foreach (var (key, value) in map)
        {
            if (value is null) continue;
            builder.Append(' ', indent).Append(key).Append(':');
            WriteNested(builder, value, indent);
        }
    }

    private static void WriteNested(StringBuilder builder, object value, int indent)
    {
        switch (value)
        {
            case IReadOnlyList<KeyValuePair<string, object?>> { Count: > 0 } map:
                builder.Append('\n');
                WriteMap(builder, map, indent + 2);
                break;
            case IEnumerable list and not string when list.Cast<object?>().Any():
                builder.Append('\n');
                foreach (var item in list)
                {
                    builder.Append(' ', indent).Append("- ");
                    if (item is IReadOnlyList<KeyValuePair<string, object?>> itemMap)
                    {
                        // The first key sits after "- "; the others align under it.
                        var inner = new StringBuilder();
                        WriteMap(inner, itemMap, indent + 2);
                        builder.Append(inner.ToString().TrimStart(' '));
                    }
                    else builder.Append(Scalar(item)).Append('\n');
                }
                break;
            case IEnumerable and not string:
                builder.Append(" []\n");
                break;
            default:
                builder.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d when !double.IsFinite(d) => "null",
        float f when !float.IsFinite(f) => "null",
        DateTimeOffset time => JsonSerializer.Serialize(time.ToUniversalTime().ToString("O")),
        double or float => ((IFormattable)value).ToString("R", CultureInfo.InvariantCulture),
        int or long or decimal => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value.ToString()),
    };
}
