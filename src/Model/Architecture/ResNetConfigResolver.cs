namespace ResNetService.Model.Architecture;

/// <summary>
/// Turns a <see cref="NetworkLayout"/> for an input shape and a class count into a validated <see cref="ResNetConfig"/>, following MXNet's <c>get_symbol</c>
/// for preset depths. Everything that is wrong is reported at once, field by field, with what would be allowed.
/// </summary>
public static class ResNetConfigResolver
{
    public const int MaxInputSide = 4096;
    public const int MaxInputChannels = 64;
    public const int MaxClasses = 100_000;
    /// <summary>Bounds that keep a request from asking for a network no worker could hold (ResNet-1001 has 333 units).</summary>
    public const int MaxTotalUnits = 1000;
    public const int MaxFilters = 8192;
    /// <summary>The ceiling of any cap a host sets (Limits:MaxModelParameters), and the cap where none is given.</summary>
    public const long MaxParameters = 1_000_000_000;
    public const int SmallestBasicDepth = 8;
    public const int SmallestBottleneckDepth = 11;
    /// <summary>From this depth on MXNet switches small-image networks to bottleneck units.</summary>
    public const int BottleneckFromDepth = 164;

    private static readonly int[] SmallBasicFilters = [16, 16, 32, 64];
    private static readonly int[] SmallBottleneckFilters = [16, 64, 128, 256];
    private static readonly int[] LargeBasicFilters = [64, 64, 128, 256, 512];
    private static readonly int[] LargeBottleneckFilters = [64, 256, 512, 1024, 2048];

    private static readonly SortedDictionary<int, (bool Bottleneck, int[] Units)> LargePresets = new()
    {
        [18] = (false, [2, 2, 2, 2]),
        [34] = (false, [3, 4, 6, 3]),
        [50] = (true, [3, 4, 6, 3]),
        [101] = (true, [3, 4, 23, 3]),
        [152] = (true, [3, 8, 36, 3]),
        [200] = (true, [3, 24, 36, 3]),
        [269] = (true, [3, 30, 48, 8]),
    };

    public static IReadOnlyCollection<int> LargeImageDepths => LargePresets.Keys;

    /// <param name="maxParameters">The most parameters the network may have: a host's cap, at most <see cref="MaxParameters"/>.</param>
    public static ResNetConfig Resolve(NetworkLayout layout, ImageShape input, int classes, long maxParameters = MaxParameters)
    {
        var errors = new ArchitectureErrors();
        CheckInput(input, classes, errors);
        var resolved = layout.Units is not null || layout.Filters is not null
            ? ExplicitLayout(layout, errors)
            : PresetLayout(layout, input, errors);
        errors.ThrowIfAny();
        var (bottleneck, units, filters) = resolved!.Value;
        var config = new ResNetConfig(input.Channels, input.Height, input.Width, classes, bottleneck, units, filters);
        var parameters = ArchitectureSummary.Of(config).Parameters;
        var cap = Math.Min(maxParameters, MaxParameters);
        if (parameters > cap)
            errors.Add(layout.Units is null ? "depth" : "filters", $"This network would have {parameters:N0} parameters; at most {cap:N0} are allowed on this host.");
        errors.ThrowIfAny();
        return config;
    }

    private static void CheckInput(ImageShape input, int classes, ArchitectureErrors errors)
    {
        if (input.Channels is < 1 or > MaxInputChannels)
            errors.Add("inputChannels", $"Input channels must be between 1 and {MaxInputChannels}; got {input.Channels}.");
        if (input.Height is < 1 or > MaxInputSide)
            errors.Add("inputHeight", $"Input height must be between 1 and {MaxInputSide} pixels; got {input.Height}.");
        if (input.Width is < 1 or > MaxInputSide)
            errors.Add("inputWidth", $"Input width must be between 1 and {MaxInputSide} pixels; got {input.Width}.");
        if (classes is < 2 or > MaxClasses)
            errors.Add("classes", $"A classifier needs between 2 and {MaxClasses} classes; got {classes}.");
    }

    private static (bool, int[], int[])? ExplicitLayout(NetworkLayout layout, ArchitectureErrors errors)
    {
        if (layout.Units is null || layout.Filters is null)
        {
            errors.Add(layout.Units is null ? "units" : "filters",
                "Give units and filters together: units per stage (e.g. 3,4,6,3) and filters with the stem width first (e.g. 64,256,512,1024,2048).");
            return null;
        }
        var bottleneck = layout.Bottleneck ?? false;
        var units = layout.Units.ToArray();
        var filters = layout.Filters.ToArray();
        var valid = true;
        if (units.Length == 0 || units.Any(u => u < 1))
        {
            errors.Add("units", "Every stage needs at least one unit, and there must be at least one stage.");
            valid = false;
        }
        else if (units.Sum(u => (long)u) > MaxTotalUnits)
        {
            errors.Add("units", $"At most {MaxTotalUnits} units in all; got {units.Sum(u => (long)u):N0}.");
            valid = false;
        }
        if (filters.Length != units.Length + 1)
        {
            errors.Add("filters", $"Filters need one entry for the stem plus one per stage: {units.Length + 1} for {units.Length} stages; got {filters.Length}.");
            valid = false;
        }
        if (filters.Any(f => f is < 1 or > MaxFilters))
        {
            errors.Add("filters", $"Every filter count must be between 1 and {MaxFilters}.");
            valid = false;
        }
        if (bottleneck && filters.Skip(1).Any(f => f % 4 != 0))
        {
            errors.Add("filters", "Bottleneck units squeeze to a quarter of their width: every stage's filter count must be a multiple of 4.");
            valid = false;
        }
        if (valid && layout.Depth is { } depth)
        {
            var implied = 2 + units.Sum() * (bottleneck ? 3 : 2);
            if (depth != implied)
                errors.Add("depth", $"Units {string.Join(',', units)} with {(bottleneck ? "bottleneck" : "basic")} units make a depth of {implied}, not {depth}; leave depth out or make them agree.");
        }
        return valid ? (bottleneck, units, filters) : null;
    }

    private static (bool, int[], int[])? PresetLayout(NetworkLayout layout, ImageShape input, ArchitectureErrors errors)
    {
        if (layout.Depth is not { } depth)
        {
            errors.Add("depth", "Give a depth (a preset as MXNet's get_symbol) or explicit units and filters.");
            return null;
        }
        if (depth > 2 + 3 * MaxTotalUnits)
        {
            errors.Add("depth", $"Depth {depth} is beyond the largest allowed ({2 + 3 * MaxTotalUnits}).");
            return null;
        }
        return input.Height <= ResNetConfig.SmallImageMaxHeight
            ? SmallImagePreset(depth, layout.Bottleneck, errors)
            : LargeImagePreset(depth, layout.Bottleneck, errors);
    }

    private static (bool, int[], int[])? SmallImagePreset(int depth, bool? bottleneckChoice, ArchitectureErrors errors)
    {
        var fitsBasic = depth >= SmallestBasicDepth && (depth - 2) % 6 == 0;
        var fitsBottleneck = depth >= SmallestBottleneckDepth && (depth - 2) % 9 == 0;
        var bottleneck = bottleneckChoice ?? (fitsBasic && fitsBottleneck ? depth >= BottleneckFromDepth : fitsBottleneck);

        if (bottleneck && !fitsBottleneck || !bottleneck && !fitsBasic)
        {
            var message = bottleneckChoice switch
            {
                true => $"Bottleneck units at inputs up to {ResNetConfig.SmallImageMaxHeight} px exist for depths 9n+2 from {SmallestBottleneckDepth}: {Nearby(depth, SmallestBottleneckDepth, 9)}; got {depth}.",
                false => $"Basic units at inputs up to {ResNetConfig.SmallImageMaxHeight} px exist for depths 6n+2 from {SmallestBasicDepth}: {Nearby(depth, SmallestBasicDepth, 6)}; got {depth}.",
                null => $"Depth {depth} does not exist at inputs up to {ResNetConfig.SmallImageMaxHeight} px: basic units take 6n+2 ({Nearby(depth, SmallestBasicDepth, 6)}), bottleneck units 9n+2 ({Nearby(depth, SmallestBottleneckDepth, 9)}).",
            };
            errors.Add("depth", message);
            return null;
        }
        var perStage = (depth - 2) / (bottleneck ? 9 : 6);
        return (bottleneck, [perStage, perStage, perStage], bottleneck ? SmallBottleneckFilters : SmallBasicFilters);
    }

    private static (bool, int[], int[])? LargeImagePreset(int depth, bool? bottleneckChoice, ArchitectureErrors errors)
    {
        if (!LargePresets.TryGetValue(depth, out var preset))
        {
            errors.Add("depth", $"Depth {depth} has no preset at inputs over {ResNetConfig.SmallImageMaxHeight} px; the presets are {string.Join(", ", LargePresets.Keys)}. Give units and filters for any other layout.");
            return null;
        }
        if (bottleneckChoice is { } choice && choice != preset.Bottleneck)
        {
            errors.Add("bottleneck", $"ResNet-{depth} at inputs over {ResNetConfig.SmallImageMaxHeight} px uses {(preset.Bottleneck ? "bottleneck" : "basic")} units; give units and filters explicitly for another layout.");
            return null;
        }
        return (preset.Bottleneck, preset.Units, preset.Bottleneck ? LargeBottleneckFilters : LargeBasicFilters);
    }

    /// <summary>The allowed depths around the requested one, so the message points at a real choice.</summary>
    private static string Nearby(int depth, int smallest, int step)
    {
        var below = Math.Max(smallest, smallest + (depth - smallest) / step * step - step);
        var options = Enumerable.Range(0, 4).Select(i => below + i * step);
        return string.Join(", ", options) + ", ...";
    }

    private sealed class ArchitectureErrors
    {
        private readonly Dictionary<string, List<string>> _errors = [];

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
                _errors[field] = list = [];
            list.Add(message);
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
                throw new InvalidArchitectureException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
