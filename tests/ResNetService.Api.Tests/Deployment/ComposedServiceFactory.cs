using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>
/// The app in memory with one compose service's environment applied as configuration (<c>A__B</c> becomes <c>A:B</c>),
/// except what only makes sense inside the stack: the data root is a fresh temporary folder, the job queue is in
/// memory (no PostgreSQL here) and training runs on the CPU (no GPU here).
/// </summary>
internal sealed class ComposedServiceFactory : WebApplicationFactory<Program>
{
    private static readonly string[] Replaced = ["ConnectionStrings:Hangfire", "Storage:DataRoot", "Storage:ImportRoot", "Training:Device"];

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public ComposedServiceFactory(IReadOnlyDictionary<string, string?> environment)
    {
        DataRoot = Path.Combine(Path.GetTempPath(), "resnetservice-deployment-tests", Guid.NewGuid().ToString("N"));
        foreach (var (name, value) in environment)
        {
            var key = AppConfiguration.KeyOf(name);
            if (!Replaced.Contains(key, StringComparer.OrdinalIgnoreCase) && !AppConfiguration.HostVariables.Contains(name))
                _settings[key] = value;
        }
        _settings["Storage:DataRoot"] = DataRoot;
        _settings["Training:Device"] = "cpu";
    }

    public string DataRoot { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataRoot))
            Directory.Delete(DataRoot, recursive: true);
    }
}
