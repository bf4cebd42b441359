using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary>
/// Pages of the list endpoints (<c>?limit=&amp;offset=</c>, newest first). The body stays a JSON array, so existing
/// clients keep working; when more rows follow, a <c>Link: &lt;...&gt;; rel="next"</c> header points to the next page.
/// </summary>
public static class ListPaging
{
    /// <summary>Errors naming <c>limit</c> or <c>offset</c>, or null when both are usable.</summary>
    public static Dictionary<string, string[]>? Problems(int? limit, int? offset)
    {
        var errors = new FieldErrors().Range("limit", limit, 1, RequestLimits.MaxPageSize).Range("offset", offset, 0, int.MaxValue);
        return errors.Count > 0 ? errors.ToDictionary() : null;
    }

    public static async Task<List<T>> PageAsync<T>(IQueryable<T> ordered, int? limit, int? offset, HttpContext http, CancellationToken ct)
    {
        var size = limit ?? RequestLimits.DefaultPageSize;
        var skip = offset ?? 0;
        // One row more than the page tells whether a next page exists without a count query.
        var rows = await ordered.Skip(skip).Take(size + 1).ToListAsync(ct);
        if (rows.Count <= size) return rows;
        rows.RemoveAt(size);
        var query = QueryString.Create(http.Request.Query.Where(q => q.Key is not ("limit" or "offset"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("offset", (skip + size).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
        return rows;
    }
}
