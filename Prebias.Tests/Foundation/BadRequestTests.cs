using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class BadRequestTests(ApiFixture api)
{
    [Theory]
    [InlineData("{\"matrixSize\": ")]                 // malformed JSON
    [InlineData("{\"matrixSize\": \"big\"}")]          // wrong type
    [InlineData("{\"matrixSize\": 4}")]                // out of range
    [InlineData("{\"iterations\": 0}")]                // out of range
    [InlineData("[1, 2, 3]")]                          // not an object
    public async Task StartTorchDiagnostic_Returns400ProblemAndEnqueuesNothing_WhenBodyIsBad(string body)
    {
        using var client = api.CreateAuthorizedClient();
        var before = await CountJobsAsync(client);

        var response = await client.PostAsync("/api/diagnostics/torch", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountJobsAsync(client));
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemDetails()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetTorchDiagnostic_Returns404_WhenUnknown()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync($"/api/diagnostics/torch/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<int> CountJobsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/jobs?limit=1000"))!.Length;
}
