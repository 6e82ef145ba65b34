using System.Data.Common;

namespace ResNetService.Api.Records;

/// <summary>Whether an exception says the records database did not answer (down, unreachable, timed out), not that something was wrong.</summary>
public static class RecordsUnavailable
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or TimeoutException)
                return true;
        }
        return false;
    }
}
