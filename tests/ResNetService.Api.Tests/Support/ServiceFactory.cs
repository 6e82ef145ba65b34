using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ResNetService.Api.Tests.Support;

/// <summary>The service in memory, on its own empty data root, with the given configuration on top.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ServiceFactory() : this([])
    {
    }

    private ServiceFactory(Dictionary<string, string?> settings)
    {
        DataRoot = Path.Combine(Path.GetTempPath(), "resnetservice-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?> { ["Storage:DataRoot"] = DataRoot, ["Training:Device"] = "cpu" };
        foreach (var (key, value) in settings)
            _settings[key] = value;
    }

    public string DataRoot { get; }

    public static ServiceFactory With(Dictionary<string, string?> settings) => new(settings);

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackClient>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataRoot))
            Directory.Delete(DataRoot, recursive: true);
    }
}
