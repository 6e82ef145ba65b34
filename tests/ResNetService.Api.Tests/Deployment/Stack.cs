namespace ResNetService.Api.Tests.Deployment;

/// <summary>The deployment files, read once: .env.example, docker-compose.yml (+ the CPU override) and the Dockerfile.</summary>
internal static class Stack
{
    public const string ComposePath = "docker-compose.yml";
    public const string CpuComposePath = "docker-compose.cpu.yml";
    public const string EnvExamplePath = ".env.example";

    /// <summary>The services that run the app, and the role each must run as.</summary>
    public static readonly IReadOnlyDictionary<string, string> AppServices = new Dictionary<string, string>
    {
        ["api"] = "api",
        ["worker"] = "worker",
    };

    public static EnvFile EnvExample => EnvFile.Parse(Repository.Read(EnvExamplePath));

    /// <summary>docker-compose.yml with the variables a user starts from (.env.example).</summary>
    public static ComposeFile Compose => ComposeFile.Load(ComposePath, EnvExample.Values);

    public static ComposeFile CpuOverride => ComposeFile.Load(CpuComposePath, EnvExample.Values);

    public static Dockerfile Dockerfile => Dockerfile.Load();

    /// <summary>What a service's container ends up with: the image's ENV, then the compose environment on top.</summary>
    public static Dictionary<string, string?> EffectiveEnvironment(string service)
    {
        var environment = Dockerfile.FinalStage().Environment().ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var (key, value) in ComposeFile.Environment(Compose.Service(service)))
            environment[key] = value;
        return environment;
    }

    /// <summary>A volume entry in short (<c>source:target[:mode]</c>) or long syntax.</summary>
    public static (string? Source, string Target) Mount(object? entry) => entry switch
    {
        string text when text.Split(':') is { Length: >= 2 } parts => (parts[0], parts[1]),
        string text => (null, text),
        Dictionary<string, object?> map => (map.GetValueOrDefault("source") as string, Assert.IsType<string>(map["target"])),
        _ => throw new InvalidOperationException($"Unreadable volume entry {entry}."),
    };

    /// <summary>The container port of a ports entry in short (<c>[ip:]host:container[/proto]</c>) or long syntax.</summary>
    public static int ContainerPort(object? entry) => entry switch
    {
        string text => int.Parse(text.Split('/')[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
        Dictionary<string, object?> map => int.Parse(Assert.IsType<string>(map["target"]), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Unreadable ports entry {entry}."),
    };
}
