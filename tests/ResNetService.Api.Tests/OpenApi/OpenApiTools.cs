using ResNetService.Api.Tests.Deployment;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.OpenApi;

/// <summary>
/// Redocly CLI and Kiota, as scripts/install-openapi-tools.sh (sourced by test.sh) installs them: Redocly in
/// .tools/openapi, Kiota as the local tool of .config/dotnet-tools.json.
/// </summary>
internal static class OpenApiTools
{
    private static readonly TimeSpan EndsWithin = TimeSpan.FromMinutes(3);

    /// <summary>Neither tool may ask the network for updates or send telemetry: the tests run offline too.</summary>
    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        ["NO_COLOR"] = "1",
        ["KIOTA_OFFLINE_ENABLED"] = "true",
        ["KIOTA_TUTORIAL_ENABLED"] = "false",
        ["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static Task<ToolRun> Redocly(params string[] arguments)
    {
        var redocly = Repository.PathOf(".tools/openapi/node_modules/.bin/redocly");
        Assert.True(File.Exists(redocly), $"Redocly CLI is missing at {redocly}: run scripts/install-openapi-tools.sh from the repository root (test.sh sources it).");
        return ToolRun.Of(redocly, arguments, Repository.Root, EndsWithin, Quiet);
    }

    public static Task<ToolRun> Kiota(params string[] arguments) =>
        Dotnet(["tool", "run", "kiota", .. arguments]);

    public static Task<ToolRun> Dotnet(params string[] arguments) => ToolRun.Of("dotnet", arguments, Repository.Root, EndsWithin, Quiet);
}
