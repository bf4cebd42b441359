using System.Text;

namespace Prebias.Core.Storage;

/// <summary>
/// Turns a client's upload file name into one safe as the last segment of an artifact key: only letters, digits,
/// '.', '-' and '_' survive (others become '_'), no leading dots (so never "." or ".."), at most 100 characters with
/// the extension kept (format detection reads it). A name with nothing left becomes "upload".
/// </summary>
public static class UploadFileName
{
    private const int MaxLength = 100;

    public static string Sanitize(string? clientName)
    {
        // Browsers and curl may send a path; only its last segment (either separator) is a name.
        var name = (clientName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var safe = new StringBuilder(name.Length);
        foreach (var c in name) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        var result = safe.ToString().TrimStart('.');
        if (result.Length > MaxLength)
        {
            var extension = Path.GetExtension(result);
            if (extension.Length > 16) extension = "";
            result = result[..(MaxLength - extension.Length)] + extension;
        }
        return result.Trim('_').Length == 0 ? "upload" : result;
    }
}
