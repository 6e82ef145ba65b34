using System.Diagnostics;
using ResNetService.Training.Data;
using ResNetService.Training.Data.Formats;

namespace ResNetService.Training.Health;

/// <summary>
/// Reads every image of a dataset once (a hash of its bytes, its header, and one decode to a thumbnail through the
/// shared decoder) and reports what is wrong with it. Nothing is written; the dataset may be any format the reader opens.
/// </summary>
public static class DatasetHealthCheck
{
    private const int ProgressEvery = 256;

    /// <exception cref="DatasetException">The folder holds no dataset the reader recognises.</exception>
    public static HealthReport Run(string folder, HealthOptions options, IProgress<HealthProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var scanner = ScannerFor(folder, options);
        var dataset = new ScannedDataset(scanner.Classes, scanner.Samples, Scan(scanner, options, progress, cancellationToken));

        var exact = ExactDuplicateCheck.Run(dataset, options);
        var near = NearDuplicateCheck.Run(dataset, options, cancellationToken);
        var unreadable = UnreadableCheck.Run(dataset, options);
        var balance = ClassBalanceCheck.Run(dataset, options);
        var sizes = ImageSizeCheck.Run(dataset);
        var colour = ColourCheck.Run(dataset, options);
        var small = SmallImageCheck.Run(dataset, sizes.Section, options);
        var names = ClassNameCheck.Run(scanner.Classes);
        HealthFinding[] findings = [exact.Finding, near.Finding, unreadable.Finding, balance.Finding, sizes.Finding, colour.Finding, small.Finding, names.Finding];
        var splits = scanner.Samples.GroupBy(sample => sample.Split).ToDictionary(group => group.Key, group => group.Count());
        return new HealthReport(
            scanner.Format, HealthVerdicts.Worst(findings.Select(finding => finding.Verdict)), scanner.Samples.Count, splits, findings,
            exact.Section, near.Section, unreadable.Section, balance.Section, sizes.Section, colour.Section, small.Section, names.Section,
            stopwatch.Elapsed.TotalSeconds);
    }

    private static IHealthScanner ScannerFor(string folder, HealthOptions options)
    {
        if (!Directory.Exists(folder))
            throw new DatasetException($"Dataset folder '{folder}' does not exist.");
        var root = DatasetRoot.Resolve(folder);
        if (DatasetReader.HoldsRecords(root))
            return new RecordDatasetScanner(DatasetReader.Open(folder, DatasetReadOptions.Default));
        if (ImageFolderLayout.IsPresent(root))
            return new ImageFolderScanner(root, options.MaxImagePixels);
        throw new DatasetException($"'{folder}' holds no recognisable dataset. {DatasetReader.AcceptedFormats}");
    }

    private static SampleFacts[] Scan(IHealthScanner scanner, HealthOptions options, IProgress<HealthProgress>? progress, CancellationToken cancellationToken)
    {
        var total = scanner.Samples.Count;
        var facts = new SampleFacts[total];
        var scanned = 0;
        var reported = 0;
        var reportLock = new object();
        progress?.Report(new HealthProgress(0, total));
        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, i =>
        {
            facts[i] = scanner.Scan(i);
            var done = Interlocked.Increment(ref scanned);
            if (progress is null || (done % ProgressEvery != 0 && done != total))
                return;
            // Threads reach the lock in any order; a count lower than one already reported would make progress go backwards.
            lock (reportLock)
            {
                if (done > reported)
                {
                    reported = done;
                    progress.Report(new HealthProgress(done, total));
                }
            }
        });
        return facts;
    }
}
