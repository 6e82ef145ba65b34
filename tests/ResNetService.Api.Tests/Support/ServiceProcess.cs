using System.Diagnostics;
using System.Text;

namespace ResNetService.Api.Tests.Support;

/// <summary>The real executable in a process of its own: a worker as on a GPU node, or the whole service as <c>dotnet run</c> starts it.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly string _url;

    private ServiceProcess(Process process, string url)
    {
        _url = url;
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
    public static ServiceProcess Start(string? role, IReadOnlyDictionary<string, string> settings, string url = "http://127.0.0.1:0")
    {
        var application = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", role is null ? ["ResNetService.dll"] : ["ResNetService.dll", "--role", role])
        {
            WorkingDirectory = application,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException("The service did not start."), url);
    }

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
        Signal("TERM");
        Assert.True(_process.WaitForExit(timeout), $"The worker did not stop within {timeout} of SIGTERM. Output:\n{Output}");
    }

    /// <summary>Freezes every thread of the process (SIGSTOP), as a host that stalls, swaps or is suspended does; its connections stay open.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a paused process go on (SIGCONT) where it stopped, unaware of the time that passed.</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString()]);
        kill.WaitForExit();
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
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
