using Microsoft.OpenApi;
using ResNetService.Api.Security;

namespace ResNetService.Api.Hosting;

public static class SwaggerSetup
{
    private const string ApiKeyScheme = "apiKey";

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
                Description = "Required on every mutating endpoint when the service has Auth:ApiKey set.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
            swagger.SchemaFilter<RequestExamplesFilter>();
        });
        return services;
    }
}
