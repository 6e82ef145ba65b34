using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.PostgreSql;

/// <summary>
/// A multi-host deployment in miniature: one PostgreSQL database for Hangfire, an API host in the test process and
/// worker processes beside it, all on the API host's data root; disposed together, newest first.
/// </summary>
/// <param name="shared">Settings every host of this cluster takes beside the Hangfire ones.</param>
public sealed class WorkerCluster(IReadOnlyDictionary<string, string?>? shared = null) : IDisposable
{
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(30);

    private readonly List<IDisposable> _owned = [];

    public PostgreSqlDatabase Database { get; } = new();

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        Database.Dispose();
    }

    public (ServiceFactory Service, HttpClient Client) StartApi(string role)
    {
        var service = ServiceFactory.With(Settings(role));
        _owned.Add(service);
        return (service, service.CreateClient());
    }

    /// <param name="holdTrainingAt">Where the worker stops its training until the test lets it go (see <see cref="TrainingHold"/>).</param>
    /// <param name="more">Settings of this worker's own, beside the shared ones.</param>
    public ServiceProcess StartWorker(ServiceFactory api, (int Epoch, int Step)? holdTrainingAt = null, Dictionary<string, string?>? more = null)
    {
        var settings = Settings("worker");
        settings["Storage:DataRoot"] = api.DataRoot;
        settings["Training:Device"] = "cpu";
        foreach (var (key, value) in more ?? [])
            settings[key] = value;
        var worker = ServiceProcess.Start("worker", settings.ToDictionary(s => s.Key, s => s.Value!), holdTrainingAt: holdTrainingAt);
        _owned.Add(worker);
        return worker;
    }

    private Dictionary<string, string?> Settings(string role)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Role"] = role,
            ["ConnectionStrings:Hangfire"] = Database.ConnectionString,
            ["Hangfire:InvisibilityTimeout"] = InvisibilityTimeout.ToString(),
            ["Hangfire:QueuePollInterval"] = "00:00:01",
        };
        foreach (var (key, value) in shared ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }
}
