using ResNetService.Api.Tests.Support;

/// <summary>
/// A <see cref="TrainingHold"/> inside a service process that <see cref="ServiceProcess.Start"/> started with one: .NET
/// runs this before the service's Main when DOTNET_STARTUP_HOOKS names this assembly, and looks for a class of this name
/// outside any namespace. <see cref="ServiceProcess.HoldVariable"/> says where ("epoch:step"); the folder
/// <see cref="ServiceProcess.HoldFolderVariable"/> names is how the test and the process speak: the process writes
/// <see cref="HeldFile"/> when its run stops there, and goes on once the test writes <see cref="ReleasedFile"/>
/// (holding the milliseconds each later step waits).
/// </summary>
internal static class StartupHook
{
    public const string HeldFile = "held", ReleasedFile = "released";

    private static TrainingHold? _hold;

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(ServiceProcess.HoldVariable) is not { } point
            || Environment.GetEnvironmentVariable(ServiceProcess.HoldFolderVariable) is not { } folder)
            return;
        var (epoch, step) = (int.Parse(point.Split(':')[0]), int.Parse(point.Split(':')[1]));
        var hold = _hold = new TrainingHold(epoch, step, _ => true);
        hold.Held.ContinueWith(run => WriteWhole(Path.Combine(folder, HeldFile), run.Result), TaskScheduler.Default);
        new Thread(() =>
        {
            var released = Path.Combine(folder, ReleasedFile);
            while (!File.Exists(released))
                Thread.Sleep(50);
            hold.Release(TimeSpan.FromMilliseconds(int.Parse(File.ReadAllText(released))));
        }) { IsBackground = true, Name = "training hold" }.Start();
    }

    /// <summary>Through a temporary name, so that whoever waits for the file never reads it half written.</summary>
    public static void WriteWhole(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path);
    }
}
