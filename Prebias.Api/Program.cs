using Prebias.Api.Extensions;

// Table of contents: registrations live in Extensions/, routes in Apis/ (one group per resource).
var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UsePrebiasPipeline();
app.MapPrebiasEndpoints();

return await app.RunPrebiasAsync();

/// <summary>Entry point; public so integration tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
