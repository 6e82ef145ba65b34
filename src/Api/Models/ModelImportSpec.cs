using ResNetService.Model.Architecture;
using ResNetService.Model.Checkpoints;
using ResNetService.Model.Import;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Api.Models;

/// <summary>
/// What a weights file is for: the network, the class names and the input normalisation. An imported checkpoint
/// carries its own; each part left out is then taken from it, each part given must agree with its weights.
/// </summary>
/// <param name="Mean">Per channel, of pixels scaled to [0, 1]; null: 0 (or the checkpoint's).</param>
/// <param name="Std">Per channel; null: 1 (or the checkpoint's).</param>
/// <param name="MaxParameters">The host's cap on a model's parameters, checked before any weight is read.</param>
/// <param name="EvalTransform">null: the checkpoint's, else centerCrop for networks with the large-image stem and squash for small images, as training chooses.</param>
public sealed record ModelImportSpec(ImportNetwork? Architecture, IReadOnlyList<string>? Classes, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std,
    long MaxParameters = ResNetConfigResolver.MaxParameters, EvalTransform? EvalTransform = null)
{
    /// <summary>
    /// Checks the file against the description and writes it as a model checkpoint at <paramref name="checkpointPath"/>.
    /// </summary>
    /// <returns>The model's description; null when <paramref name="errors"/> says what is wrong with the spec (nothing written).</returns>
    /// <exception cref="WeightsImportException">The file is not what its format says, or its tensors do not fit; nothing written.</exception>
    public ModelDescription? ImportToCheckpoint(string weightsPath, WeightsFormat format, string checkpointPath, Dictionary<string, string[]> errors)
    {
        var own = format == WeightsFormat.Checkpoint ? DescriptionOf(weightsPath) : null;
        var description = Describe(own, errors);
        if (description is not null)
            WeightsImporter.ImportToCheckpoint(weightsPath, format, description, checkpointPath);
        return description;
    }

    /// <summary>The description, or null with <paramref name="errors"/> filled in (keys <c>architecture.depth</c>, <c>classes</c>, <c>mean</c>...).</summary>
    public ModelDescription? Describe(ModelDescription? own, Dictionary<string, string[]> errors)
    {
        var classes = Classes ?? own?.Classes;
        if (classes is null)
            errors["classes"] = ["Give the class names in the order of the classifier's outputs, e.g. cat,dog,bird."];
        else if (classes.Any(string.IsNullOrWhiteSpace) || classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
            errors["classes"] = ["Class names must be non-empty and distinct."];
        if (Architecture is null && own is null)
            errors["architecture"] = ["Give the network, e.g. {\"depth\": 20, \"inputChannels\": 3, \"inputSize\": 32}."];
        if (errors.Count > 0)
            return null;

        ResNetConfig architecture;
        try
        {
            architecture = Architecture?.Resolve(classes!.Count, MaxParameters)
                ?? ResNetConfigResolver.Resolve(own!.Architecture.Layout, own.Architecture.Input, classes!.Count, MaxParameters);
        }
        catch (InvalidArchitectureException e)
        {
            foreach (var (field, messages) in e.Errors)
                errors[field == "classes" ? "classes" : $"architecture.{field}"] = messages;
            return null;
        }
        var channels = architecture.InputChannels;
        var mean = PerChannel(Mean, own?.Normalization.Mean, 0f, channels, "mean", errors);
        var std = PerChannel(Std, own?.Normalization.Std, 1f, channels, "std", errors);
        if (std is not null && std.Any(s => !(s > 0) || float.IsInfinity(s)))
            errors["std"] = ["Every std must be a positive number."];
        if (mean is not null && mean.Any(m => !float.IsFinite(m)))
            errors["mean"] = ["Every mean must be a finite number."];
        var evalTransform = EvalTransform ?? own?.EvalTransform
            ?? (architecture.SmallImageStem ? Model.Preprocessing.EvalTransform.Squash : Model.Preprocessing.EvalTransform.CenterCrop);
        return errors.Count > 0 ? null : new ModelDescription(architecture, classes!, new InputNormalization(mean!, std!), evalTransform);
    }

    private static IReadOnlyList<float>? PerChannel(IReadOnlyList<float>? given, IReadOnlyList<float>? own, float fallback, int channels, string field,
        Dictionary<string, string[]> errors)
    {
        var values = given ?? (own?.Count == channels ? own : Enumerable.Repeat(fallback, channels).ToArray());
        if (values.Count == channels)
            return values;
        errors[field] = [$"Give one {field} per input channel: {channels}; got {values.Count}."];
        return null;
    }

    private static ModelDescription DescriptionOf(string checkpointPath)
    {
        try
        {
            return ModelCheckpoint.ReadDescription(checkpointPath);
        }
        catch (CheckpointException e)
        {
            throw new WeightsImportException(Path.GetFileName(checkpointPath), e.Message);
        }
    }
}
