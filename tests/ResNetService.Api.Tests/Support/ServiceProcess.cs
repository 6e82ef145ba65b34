using System.Diagnostics;
using System.Text;

namespace ResNetService.Api.Tests.Support;

/// <summary>The real executable in a process of its own: a worker as on a GPU node, or the whole service as <c>dotnet run</c> starts it.</summary>
public sealed class ServiceProcess : IDisposable
{
    /// <summary>Read by <see cref="StartupHook"/> in the service process: where to hold its training, and the folder to speak through.</summary>
    public const string HoldVariable = "RESNET_TEST_HOLD_TRAINING", HoldFolderVariable = "RESNET_TEST_HOLD_FOLDER";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly string _url;
    private readonly string? _holdFolder;

    private ServiceProcess(Process process, string url, string? holdFolder)
    {
        _url = url;
        _holdFolder = holdFolder;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <param name="role">Given as --role; null: none (the Role setting decides).</param>
    /// <param name="url">Where it listens; unset: a port of the system's choosing (nobody needs to reach it).</param>
    /// <param name="workingDirectory">Where it is started; unset: beside the executable, where its appsettings.json is.</param>
    /// <param name="holdTrainingAt">Stop the process's training after this step of this epoch (from 1) until
    /// <see cref="ReleaseTraining"/>; see <see cref="TrainingHold"/>.</param>
    public static ServiceProcess Start(string? role, IReadOnlyDictionary<string, string> settings, string url = "http://127.0.0.1:0",
        string? workingDirectory = null, (int Epoch, int Step)? holdTrainingAt = null)
    {
        var application = Path.Combine(AppContext.BaseDirectory, "ResNetService.dll");
        var start = new ProcessStartInfo("dotnet", role is null ? [application] : [application, "--role", role])
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        string? holdFolder = null;
        if (holdTrainingAt is var (epoch, step))
        {
            holdFolder = Directory.CreateTempSubdirectory("resnet-hold-").FullName;
            start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
            start.Environment[HoldVariable] = $"{epoch}:{step}";
            start.Environment[HoldFolderVariable] = holdFolder;
        }
        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException("The service did not start."), url, holdFolder);
    }

    /// <summary>Waits until the process's training stopped where <see cref="Start"/> asked; returns the run's id.</summary>
    public async Task<string> TrainingHeldAsync(TimeSpan timeout)
    {
        var held = Path.Combine(_holdFolder ?? throw new InvalidOperationException("Started without a training hold."), StartupHook.HeldFile);
        var deadline = DateTime.UtcNow + timeout;
        while (!File.Exists(held))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"The training did not reach its hold within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
        return await File.ReadAllTextAsync(held);
    }

    /// <summary>Lets the held training go on, each later step waiting <paramref name="pace"/> (see <see cref="TrainingHold.Release"/>).</summary>
    public void ReleaseTraining(TimeSpan pace) =>
        StartupHook.WriteWhole(Path.Combine(_holdFolder ?? throw new InvalidOperationException("Started without a training hold."), StartupHook.ReleasedFile),
            ((int)pace.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A client of the service once <c>/health/ready</c> says it is ready.</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(_url), Timeout = TimeSpan.FromMinutes(3) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return client;
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"The service did not become ready:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the process has written <paramref name="text"/>; fails if it exits first.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"The service did not write '{text}':\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>A loopback URL on a port that was free a moment ago.</summary>
    public static string FreeLoopbackUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>As when a node loses power or the kernel kills it for memory (SIGKILL): no checkpoint, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>As <c>docker stop</c> does: SIGTERM, then the worker checkpoints and exits.</summary>
    public void Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            kill.WaitForExit();
        Assert.True(_process.WaitForExit(timeout), $"The worker did not stop within {timeout} of SIGTERM. Output:\n{Output}");
    }

    /// <summary>The exit code of a process that is to end by itself (a service that started would not).</summary>
    public int ExitCode(TimeSpan within)
    {
        Assert.True(_process.WaitForExit(within), $"The process was still running after {within}. Output:\n{Output}");
        // The parameterless wait also waits for the redirected output to be read to its end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
        if (_holdFolder is not null)
            Directory.Delete(_holdFolder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
