using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Jobs;
using ResNetService.Api.Security;
using ResNetService.Model.Architecture;
using ResNetService.Training.Hyperparameters;

namespace ResNetService.Api.Hosting.OpenApi;

public static class SwaggerSetup
{
    public const string ApiKeyScheme = "apiKey";
    public const string BearerScheme = "bearer";
    public const string DocumentPath = "/swagger/v1/swagger.json";

    public static IServiceCollection AddServiceSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ResNetService",
                Version = "v1",
                Description = "Train pre-activation ResNets on your labelled images and classify with them: upload a dataset, "
                    + "create a job, follow it, then classify images with the model it makes. Every refusal is an RFC 9457 "
                    + "`application/problem+json` document; invalid input is a validation problem with per-field `errors`.",
                License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") },
                Contact = new OpenApiContact { Name = "ResNetService maintainers" },
            });
            swagger.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AuthOptions.HeaderName,
                Description = "An API key: the bootstrap key (Auth:ApiKey) or one made with POST /keys. Each operation says which scope it needs.",
            });
            swagger.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key as 'Authorization: Bearer <key>'.",
            });
            // The doc comments of the API's records and handlers, and of the Training and Model types they carry.
            foreach (var assembly in new[] { typeof(SwaggerSetup).Assembly, typeof(TrainingOptions).Assembly, typeof(ResNetConfig).Assembly })
                swagger.IncludeXmlComments(assembly);
            swagger.SupportNonNullableReferenceTypes();
            // A training request is any subset of the training options, in JSON that object itself.
            swagger.MapType<TrainingRequest>(() => new OpenApiSchemaReference(nameof(TrainingOptions)));
            // The only JSON object carried as such is a sweep's base job, kept as it was sent: a job as POST /jobs takes it.
            swagger.MapType<JsonObject>(() => new OpenApiSchemaReference(nameof(CreateJobRequest)));
            swagger.OperationFilter<ScopeOperationFilter>();
            swagger.OperationFilter<ResponseDescriptionsFilter>();
            swagger.OperationFilter<PipelineProblemsFilter>();
            swagger.SchemaFilter<DefaultsInDescriptionsFilter>();
            swagger.SchemaFilter<RecordFieldsRequiredFilter>();
            swagger.DocumentFilter<ApiTags>();
            swagger.SchemaFilter<RequestExamplesFilter>();
        });
        return services;
    }

    /// <summary>
    /// The description at <see cref="DocumentPath"/>, naming as its server the address it was fetched from (so a
    /// client generated from it calls that service), and Swagger UI at <c>/swagger</c>.
    /// </summary>
    public static IApplicationBuilder UseServiceSwagger(this IApplicationBuilder app)
    {
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This service" }]));
        return app.UseSwaggerUI();
    }
}
