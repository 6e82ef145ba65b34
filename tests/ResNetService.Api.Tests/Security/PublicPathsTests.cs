using System.Net;
using ResNetService.Api.Hosting;
using ResNetService.Api.Tests.Deployment;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Security;

/// <summary>What a keyed service answers without a key, against what docs/security.md says does.</summary>
public sealed class PublicPathsTests
{
    private static readonly string[] Public = ["/health/live", "/health/ready", SwaggerSetup.DocumentPath, "/swagger"];

    [Fact]
    public async Task WhatAnswersWithoutAKeyIsWhatTheSecurityDocSaysAndHoldsNoSecrets()
    {
        using var factory = KeyedService.Start();
        var anonymous = factory.CreateClient();
        var security = Repository.Read("docs/security.md");

        foreach (var path in Public)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path == "/swagger" ? "/swagger/index.html" : path)).StatusCode);
            Assert.Contains($"`{path}`", security);
        }
        var description = await anonymous.GetStringAsync(SwaggerSetup.DocumentPath);
        Assert.DoesNotContain(KeyedService.BootstrapKey, description);
        Assert.DoesNotContain(factory.DataRoot, description);
        await (await anonymous.GetAsync("/datasets")).AssertProblem(HttpStatusCode.Unauthorized);
    }
}
