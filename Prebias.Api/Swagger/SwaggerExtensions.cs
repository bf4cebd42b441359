using Microsoft.OpenApi;
using Prebias.Api.Auth;

namespace Prebias.Api.Swagger;

/// <summary>The OpenAPI document: what a first-time user reads at /swagger before sending a request.</summary>
public static class SwaggerExtensions
{
    public static IServiceCollection AddPrebiasSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Prebias API", Version = "v1",
                Description = "How pretraining data shapes small language models. Work through the sections in order: "
                    + "import a corpus, train a tokenizer, build a dataset, score its samples with metrics, train runs "
                    + "or a durability experiment, then read the comparison. Every POST answers 202 with a job to poll "
                    + "at /api/jobs/{jobId}; its example body names the newest ready resources on this server.",
            });
            foreach (var xml in Directory.EnumerateFiles(AppContext.BaseDirectory, "Prebias.*.xml"))
                swagger.IncludeXmlComments(xml);
            swagger.AddSecurityDefinition(WriteSecurityFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyOptions.HeaderName,
                Description = "Needed for POST, PUT and DELETE; GETs are open. ./run.sh prints it at start.",
            });
            swagger.SchemaFilter<StringEnumSchemaFilter>();
            swagger.SchemaFilter<BranchTransformSchemaFilter>();
            swagger.SchemaFilter<ClosedValuesSchemaFilter>();
            swagger.SchemaFilter<TrainingDefaultsSchemaFilter>();
            swagger.OperationFilter<WriteSecurityFilter>();
            swagger.OperationFilter<RequestExampleFilter>();
            swagger.OperationFilter<ResponseSchemaFilter>();
            swagger.DocumentFilter<WorkflowTagsDocumentFilter>();
            swagger.DocumentFilter<PlainDescriptionsDocumentFilter>();
        });
        services.AddScoped<ExampleResources>();
        return services;
    }
}
