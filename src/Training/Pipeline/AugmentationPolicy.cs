using ResNetService.Model.Architecture;

namespace ResNetService.Training.Pipeline;

/// <summary>The augmentations used when training asks for them: CIFAR-style for small inputs, ImageNet-style for large.</summary>
public static class AugmentationPolicy
{
    /// <summary>Zero padding of the random crop for small images, as in the ResNet paper's CIFAR experiments.</summary>
    public const int SmallImagePadding = 4;

    public static IReadOnlyList<IAugmentation> For(ResNetConfig config, bool augment) =>
        !augment ? []
        : config.SmallImageStem ? [new PaddedRandomCrop(SmallImagePadding), new HorizontalFlip()]
        : [new RandomResizedCrop(), new HorizontalFlip()];
}
