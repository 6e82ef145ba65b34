namespace ResNetService.Api.Cli;

/// <summary>How wide the output may be: the console window's width when writing to it, else no limit.</summary>
internal static class TerminalWidth
{
    public static int? Of(TextWriter output)
    {
        if (!IsInteractive(output))
            return null;
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
