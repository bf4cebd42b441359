using Prebias.Api.Errors;

namespace Prebias.Api.Extensions;

/// <summary>How requests fail: strict JSON, binding errors as 400s naming the field, a database outage as 503.</summary>
public static class RequestErrorExtensions
{
    public static IServiceCollection AddPrebiasRequestErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => RequestJson.Configure(o.SerializerOptions));
        // Without this, minimal APIs answer a bad body with an empty 400 that names nothing.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseOutageExceptionHandler>();
        return services;
    }
}
