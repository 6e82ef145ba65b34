using System.Globalization;
using ResNetService.Training.Evaluation;
using ResNetService.Training.Telemetry;

namespace ResNetService.Api.Cli;

/// <summary>A progress bar redrawn in place on a terminal, or one line per report when the output is redirected.</summary>
public sealed class TerminalProgress(TextWriter output, bool interactive) : ITrainingObserver
{
    private const int BarWidth = 30;

    public void OnProgress(TrainingProgress p)
    {
        var filled = (int)Math.Round(p.Percent / 100 * BarWidth);
        var eta = p.Eta is { } e ? e.ToString(e.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture) : "--:--";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {p.Percent,5:F1}%  epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}  loss {p.Loss:F4}  acc {p.Accuracy:P1}  lr {p.LearningRate:G3}  {p.ImagesPerSecond:F0} img/s  ETA {eta}");
        if (interactive)
            output.Write($"\r{line}");
        else
            output.WriteLine(line);
    }

    public void OnEpochCompleted(EpochMetrics m)
    {
        if (interactive)
            output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {m.Epoch}: train loss {m.TrainLoss:F4} acc {m.TrainAccuracy:P2} | validation loss {m.ValidationLoss:F4} acc {m.ValidationAccuracy:P2}{(m.ValidationTop5 is { } t ? $" top-5 {t:P2}" : "")} | {m.DurationSeconds:F1} s"));
    }
}
