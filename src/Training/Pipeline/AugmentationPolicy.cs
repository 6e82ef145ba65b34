using ResNetService.Model.Architecture;
using ResNetService.Model.Preprocessing;

namespace ResNetService.Training.Pipeline;

/// <summary>
/// The augmentations used when training asks for them: CIFAR-style for small inputs (on the sample as read), ImageNet-style
/// for large (a random resized crop of the original, then a flip).
/// </summary>
public static class AugmentationPolicy
{
    /// <summary>Zero padding of the random crop for small images, as in the ResNet paper's CIFAR experiments.</summary>
    public const int SmallImagePadding = 4;

    public static IReadOnlyList<IAugmentation> For(ResNetConfig config, bool augment) =>
        !augment ? []
        : config.SmallImageStem ? [new PaddedRandomCrop(SmallImagePadding), new HorizontalFlip()]
        : [new HorizontalFlip()];

    /// <summary>
    /// The part of each original a training sample is made from: none for small images (read whole, as they always
    /// were), <paramref name="crop"/> for large ones, or the evaluation transform's when not augmenting.
    /// </summary>
    public static IImageRegion? TrainingRegion(ResNetConfig config, bool augment, RandomResizedCrop crop, IImageRegion? evalRegion) =>
        config.SmallImageStem ? null : augment ? crop : evalRegion;
}
