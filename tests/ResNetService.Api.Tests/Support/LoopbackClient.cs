using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ResNetService.Api.Tests.Support;

/// <summary>
/// Gives requests of the in-memory test server the address a client on this machine has over TCP (the test server
/// gives none, and the service takes a request without an address for one from elsewhere).
/// </summary>
public sealed class LoopbackClient : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
