namespace ResNetService.Api.Cli;

/// <summary>While it lives, Ctrl+C cancels <see cref="Token"/> instead of ending the process, so a run can checkpoint and exit with 130.</summary>
internal sealed class InterruptOnCtrlC : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public InterruptOnCtrlC() => Console.CancelKeyPress += OnCancel;

    public CancellationToken Token => _cancel.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cancel.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _cancel.Dispose();
    }
}
