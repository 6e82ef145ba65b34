using Microsoft.OpenApi;
using ResNetService.Api.Security;

namespace ResNetService.Api.Hosting;

public static class SwaggerSetup
{
    public const string ApiKeyScheme = "apiKey";
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddServiceSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ResNetService",
                Version = "v1",
                Description = "Train pre-activation ResNets on your labelled images and classify with them.",
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
            swagger.OperationFilter<ScopeOperationFilter>();
            swagger.SchemaFilter<RequestExamplesFilter>();
        });
        return services;
    }
}
