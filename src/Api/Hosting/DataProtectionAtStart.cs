using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace ResNetService.Api.Hosting;

public static class DataProtectionAtStart
{
    /// <summary>
    /// Drops Data Protection's start-up service, which creates a key ring before anything asks for one. AddAuthentication
    /// registers Data Protection, but nothing in the service protects data with it: API keys are stored hashed, and there
    /// are no cookies, sessions or antiforgery tokens. The key ring it made anyway went to ~/.aspnet, lost with every
    /// container, with a warning about that and one about the keys being unencrypted. Should something ever ask for a
    /// protector, Data Protection still makes its keys then.
    /// </summary>
    public static IServiceCollection WithoutDataProtectionKeysAtStart(this IServiceCollection services)
    {
        var dataProtection = typeof(IKeyManager).Assembly;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.Assembly == dataProtection)
                services.RemoveAt(i);
        }
        return services;
    }
}
