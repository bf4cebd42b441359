namespace Prebias.Tests.Infrastructure;

/// <summary>
/// Tests that share the API and its database. Sequential: Hangfire keeps some process-wide static state
/// (JobStorage.Current), so hosts are not built concurrently.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "Api";
}
