using Microsoft.Extensions.Options;

namespace ResNetService.Api.Security;

public static class ApiKeyEndpointExtensions
{
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ApiKeyFilter>();

    /// <summary>Classification is read-only, so whether it needs the key is the operator's choice.</summary>
    public static TBuilder RequireApiKeyForClassify<TBuilder>(this TBuilder builder, IServiceProvider services) where TBuilder : IEndpointConventionBuilder =>
        services.GetRequiredService<IOptions<AuthOptions>>().Value.RequireKeyForClassify ? builder.RequireApiKey() : builder;
}
