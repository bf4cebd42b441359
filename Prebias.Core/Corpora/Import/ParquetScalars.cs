using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Prebias.Core.Corpora.Import;

/// <summary>Reads a scalar Parquet column as the invariant text a document attribute stores (null stays null), so
/// numbers round-trip exactly and booleans read <c>true</c>/<c>false</c> (what attribute metrics parse back).</summary>
internal static class ParquetScalars
{
    private static readonly HashSet<Type> Supported =
    [
        typeof(string), typeof(ReadOnlyMemory<char>), typeof(bool), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int),
        typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(DateTime),
    ];

    public static bool IsSupported(Type type) => Supported.Contains(type);

    /// <summary>A column that can hold document text: strings, or UTF-8 bytes (BYTE_ARRAY without a string annotation,
    /// which Parquet.Net 6 reports from a file as ReadOnlyMemory&lt;byte&gt;).</summary>
    public static bool IsText(Type type) =>
        IsString(type) || type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>);

    // Parquet.Net 6 reports UTF-8 string columns read from a file as ReadOnlyMemory<char>; both read as strings.
    private static bool IsString(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    /// <summary>The text column read as UTF-8 bytes (a string column included: same name and nullability, its own
    /// schema). Parquet.Net 6 gives each value an array of its own either way; bytes are half the size of chars (a
    /// row group's values outlive many gen0 collections, so the GC copies them) and skip decoding to UTF-16 only for
    /// the corpus writer to encode it back.</summary>
    public static DataField AsUtf8Bytes(DataField text)
    {
        if (text.ClrType == typeof(byte[])) return text;
        var bytes = new DataField<byte[]>(text.Name, text.IsNullable);
        _ = new ParquetSchema(bytes); // attaches the field, which reading needs
        return bytes;
    }

    /// <summary>Reads a text column from <see cref="AsUtf8Bytes"/> with Parquet.Net, for the chunks that
    /// <see cref="ParquetPages.ParquetTextChunkReader"/> leaves to it; the second array marks null rows (null when
    /// the column cannot hold nulls).</summary>
    public static async Task<(ReadOnlyMemory<byte>[] Texts, bool[]? Nulls)> ReadUtf8Async(ParquetRowGroupReader group,
        DataField bytesField, int count, CancellationToken ct)
    {
        var texts = new ReadOnlyMemory<byte>[count];
        if (bytesField.MaxDefinitionLevel == 0)
        {
            await group.ReadRawAsync(bytesField, texts.AsMemory(), null, null, ct);
            return (texts, null);
        }
        // A nullable column: the values come packed (nulls left out), the definition levels say which rows they fill.
        var packed = new ReadOnlyMemory<byte>[count];
        var levels = new int[count];
        await group.ReadRawAsync(bytesField, packed.AsMemory(), levels.AsMemory(), null, ct);
        var isNull = new bool[count];
        for (int i = 0, next = 0; i < count; i++)
            if (levels[i] < bytesField.MaxDefinitionLevel) isNull[i] = true;
            else texts[i] = packed[next++];
        return (texts, isNull);
    }

    public static async Task<string?[]> ReadAsTextAsync(ParquetRowGroupReader group, DataField field, int count,
        CancellationToken ct)
    {
        var t = field.ClrType;
        if (IsString(t))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory(), null, ct);
            return strings;
        }
        if (t == typeof(byte[]))
        {
            var bytes = new byte[]?[count];
            await group.ReadAsync(field, bytes.AsMemory(), null, ct);
            return Array.ConvertAll(bytes, b => b is null ? null : System.Text.Encoding.UTF8.GetString(b));
        }
        if (t == typeof(bool)) return await ReadAsync<bool>(group, field, count, ct);
        if (t == typeof(sbyte)) return await ReadAsync<sbyte>(group, field, count, ct);
        if (t == typeof(byte)) return await ReadAsync<byte>(group, field, count, ct);
        if (t == typeof(short)) return await ReadAsync<short>(group, field, count, ct);
        if (t == typeof(ushort)) return await ReadAsync<ushort>(group, field, count, ct);
        if (t == typeof(int)) return await ReadAsync<int>(group, field, count, ct);
        if (t == typeof(uint)) return await ReadAsync<uint>(group, field, count, ct);
        if (t == typeof(long)) return await ReadAsync<long>(group, field, count, ct);
        if (t == typeof(ulong)) return await ReadAsync<ulong>(group, field, count, ct);
        if (t == typeof(float)) return await ReadAsync<float>(group, field, count, ct);
        if (t == typeof(double)) return await ReadAsync<double>(group, field, count, ct);
        if (t == typeof(decimal)) return await ReadAsync<decimal>(group, field, count, ct);
        if (t == typeof(DateTime)) return await ReadAsync<DateTime>(group, field, count, ct);
        throw new NotSupportedException($"Parquet column type {t.Name} is not kept as an attribute.");
    }

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int count,
        CancellationToken ct) where T : struct
    {
        var text = new string?[count];
        if (field.IsNullable)
        {
            var values = new T?[count];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            for (var i = 0; i < count; i++) text[i] = values[i] is { } v ? Format(v) : null;
        }
        else
        {
            var values = new T[count];
            await group.ReadAsync(field, values.AsMemory(), null, ct);
            for (var i = 0; i < count; i++) text[i] = Format(values[i]);
        }
        return text;
    }

    private static string Format<T>(T value) where T : struct => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
