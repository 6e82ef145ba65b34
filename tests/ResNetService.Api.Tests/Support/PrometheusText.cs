using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Support;

/// <summary>One sample of an exposition: its series name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(string label, string value) => Labels.TryGetValue(label, out var actual) && actual == value;
}

/// <summary>
/// Prometheus's text exposition format (0.0.4), parsed strictly: every line is a comment of a known kind or a
/// well-formed sample; every sample belongs to the family of the TYPE line before it; no series twice; a histogram's
/// buckets are cumulative and end at +Inf with its count.
/// </summary>
public static partial class PrometheusText
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    /// <param name="only">
    /// Given: only these families are read and checked. A service hosted in a process with others (the in-process test
    /// hosts) exports the framework's instruments of every host in it, so those families repeat there; a service in a
    /// process of its own is read whole.
    /// </param>
    public static IReadOnlyList<PrometheusSample> Parse(string text, IReadOnlySet<string>? only = null)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>();
        var seen = new HashSet<string>();
        string? family = null;
        var skipping = false;
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line == "# EOF")
                continue;
            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                Assert.True(comment.Success, $"Line {number} is no HELP or TYPE comment: {line}");
                if (comment.Groups["kind"].Value == "TYPE")
                {
                    skipping = only is not null && !only.Contains(comment.Groups["name"].Value);
                    if (skipping)
                        continue;
                    family = comment.Groups["name"].Value;
                    Assert.True(types.TryAdd(family, comment.Groups["rest"].Value), $"Line {number}: a second TYPE for {family}.");
                    Assert.Contains(types[family], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                }
                continue;
            }
            if (skipping)
                continue;
            var sample = Sample(line, number);
            Assert.True(family is not null && BelongsTo(sample.Name, family, types[family]),
                $"Line {number}: {sample.Name} follows the TYPE of {family ?? "nothing"}.");
            Assert.True(seen.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) + "}"),
                $"Line {number}: the series {sample.Name} with these labels appears twice: {line}");
            samples.Add(sample);
        }
        foreach (var (name, type) in types.Where(t => t.Value == "histogram"))
            CheckHistogram(name, samples);
        return samples;
    }

    private static bool BelongsTo(string sample, string family, string type) =>
        type is "histogram" or "summary"
            ? HistogramSuffixes.Any(suffix => sample == family + suffix) || (type == "summary" && sample == family)
            : sample == family;

    private static void CheckHistogram(string family, IReadOnlyList<PrometheusSample> samples)
    {
        var series = samples.Where(s => s.Name == family + "_bucket")
            .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal)));
        foreach (var buckets in series)
        {
            var ordered = buckets.Select(b => (Le: ParseValue(b.Labels["le"]), b.Value)).OrderBy(b => b.Le).ToList();
            Assert.True(ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Value <= pair.Second.Value), $"{family}{{{buckets.Key}}}: buckets are not cumulative.");
            Assert.True(double.IsPositiveInfinity(ordered[^1].Le), $"{family}{{{buckets.Key}}} has no +Inf bucket.");
            var count = samples.Single(s => s.Name == family + "_count"
                && string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) == buckets.Key);
            Assert.Equal(count.Value, ordered[^1].Value);
        }
    }

    private static PrometheusSample Sample(string line, int number)
    {
        var match = SampleLine().Match(line);
        Assert.True(match.Success, $"Line {number} is not a sample: {line}");
        var labels = new Dictionary<string, string>();
        var body = match.Groups["labels"].Value;
        var at = 0;
        while (at < body.Length)
        {
            var label = LabelName().Match(body, at);
            Assert.True(label.Success && label.Index == at, $"Line {number}: bad label at {at}: {line}");
            at += label.Length;
            var value = new StringBuilder();
            for (; body[at] != '"'; at++)
            {
                if (body[at] == '\\')
                {
                    at++;
                    Assert.True(body[at] is '\\' or '"' or 'n', $"Line {number}: bad escape in a label value: {line}");
                    value.Append(body[at] == 'n' ? '\n' : body[at]);
                }
                else
                {
                    value.Append(body[at]);
                }
            }
            at++;
            Assert.True(labels.TryAdd(label.Groups["name"].Value, value.ToString()), $"Line {number}: a label twice: {line}");
            if (at < body.Length)
            {
                Assert.Equal(',', body[at]);
                at++;
            }
        }
        return new PrometheusSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value));
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) ?(?<rest>.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[^ ]+)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
