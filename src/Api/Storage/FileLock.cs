namespace ResNetService.Api.Storage;

/// <summary>
/// An exclusive lock between processes on a lock file: a stream opened with FileShare.None, which .NET takes as an
/// advisory flock on Unix. It holds across containers sharing a volume, and on NFS where the server supports locks.
/// </summary>
public static class FileLock
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    /// <returns>The held lock, or null when another holder has it.</returns>
    public static IDisposable? TryTake(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public static IDisposable Wait(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryTake(path) is { } held)
                return held;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"'{path}' stayed locked for {timeout}.");
            Thread.Sleep(RetryDelay);
        }
    }
}
