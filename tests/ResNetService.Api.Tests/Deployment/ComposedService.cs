using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>
/// The app in memory with one compose service's environment applied as configuration (<c>A__B</c> becomes <c>A:B</c>),
/// except what only makes sense inside the stack: the data root stays the factory's fresh temporary folder, the job
/// queue is in memory (no PostgreSQL here) and training runs on the CPU (no GPU here).
/// </summary>
internal static class ComposedService
{
    private static readonly string[] Replaced = ["ConnectionStrings:Hangfire", "Storage:DataRoot", "Storage:ImportRoot", "Training:Device"];

    public static ServiceFactory Start(IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            var key = AppConfiguration.KeyOf(name);
            if (!Replaced.Contains(key, StringComparer.OrdinalIgnoreCase) && !AppConfiguration.HostVariables.Contains(name))
                settings[key] = value;
        }
        return ServiceFactory.With(settings);
    }
}
