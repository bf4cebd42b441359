using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Validation;

/// <summary>List endpoints answer pages: limit/offset, newest first, a Link header to the next page.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListPagingTests(ApiFixture api)
{
    [Fact]
    public async Task ListCorpora_PagesWithLimitAndOffset_AndLinksTheNextPage()
    {
        using var client = api.CreateAuthorizedClient();
        for (var i = 0; i < 3; i++)
            await client.PostWorkAsync("/api/corpora", new { name = $"paging-{i}", source = new { kind = "synthetic", synthetic = new { documents = 1 } } });

        var first = await client.GetAsync("/api/corpora?limit=2");
        var page1 = (await first.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal(2, page1.Length);
        Assert.Equal("paging-2", page1[0].GetProperty("name").GetString()); // newest first
        var next = first.Headers.GetValues("Link").Single();
        Assert.Equal("</api/corpora?limit=2&offset=2>; rel=\"next\"", next);

        var page2 = (await client.GetFromJsonAsync<JsonElement[]>("/api/corpora?limit=2&offset=2"))!;
        Assert.NotEmpty(page2);
        Assert.DoesNotContain(page2, c => page1.Any(p => p.GetProperty("id").GetString() == c.GetProperty("id").GetString()));

        var all = await client.GetAsync("/api/corpora?limit=1000");
        Assert.False(all.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("/api/runs?limit=0", "limit")]
    [InlineData("/api/corpora?limit=1001", "limit")]
    [InlineData("/api/tokenizers?offset=-1", "offset")]
    [InlineData("/api/datasets?limit=-5", "limit")]
    [InlineData("/api/experiments?limit=100000", "limit")]
    public async Task List_Returns400NamingTheField_WhenPagingIsOutOfRange(string path, string field)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
