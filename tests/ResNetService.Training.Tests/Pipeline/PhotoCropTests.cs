using ResNetService.Model.Preprocessing;
using ResNetService.Training.Data.Formats;
using ResNetService.Training.Engine;
using ResNetService.Training.Hyperparameters;
using ResNetService.Training.Pipeline;
using ResNetService.Training.Tests.Data;

namespace ResNetService.Training.Tests.Pipeline;

/// <summary>
/// Photos train on crops taken in the original's coordinates and resized once: fine detail a small crop holds in the
/// original survives, where squashing the photo to the input first and cropping that would blur it to grey.
/// </summary>
public sealed class PhotoCropTests : IDisposable
{
    private const int Input = 224;
    private readonly TempFolder _folder = new();

    public PhotoCropTests()
    {
        // No larger than the in-memory copy (twice the input), so that it holds the originals' detail too.
        (int Width, int Height)[] sizes = [(448, 336), (336, 448), (420, 315), (400, 300)];
        for (var i = 0; i < 8; i++)
            TestImages.StripedJpeg(Path.Combine(_folder.Path, "train", i % 2 == 0 ? "a" : "b", $"{i}.jpg"), sizes[i % 4].Width, sizes[i % 4].Height, stripe: 1);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0L)]
    [InlineData(1L << 30)]
    public void SmallCropsOfStripedPhotosKeepTheirStripes(long maxInMemoryBytes)
    {
        var data = Prepare(maxInMemoryBytes, new TrainingOptions { MinCropScale = 0.08, MaxCropScale = 0.1, ValidationFraction = 0.25 });

        var contrast = Contrasts(data, data.TrainingRegion);

        Assert.Equal(maxInMemoryBytes > 0, data.InMemory);
        Assert.All(contrast, c => Assert.True(c > 40, $"stripes faded to a mean step of {c:F1} of 255"));
    }

    [Fact]
    public void SquashingThePhotoFirstBlursTheStripesTheCropKeeps()
    {
        var data = Prepare(0, new TrainingOptions { ValidationFraction = 0.25 });

        Assert.All(Contrasts(data, region: null), c => Assert.True(c < 20, $"squashed stripes kept a mean step of {c:F1}"));
    }

    [Fact]
    public void NewPhotoModelsEvaluateOnTheCentreCropAndSmallImagesKeepSquashing()
    {
        var photos = Prepare(0, new TrainingOptions { ValidationFraction = 0.25 });

        Assert.Equal(EvalTransform.CenterCrop, photos.EvalTransform);
        Assert.IsType<CenterCrop>(photos.EvaluationRegion);
        Assert.IsType<RandomResizedCrop>(photos.TrainingRegion);
        Assert.Equal(EvalTransform.Squash, Prepare(0, new TrainingOptions { ValidationFraction = 0.25 }, input: 32).EvalTransform);
    }

    private TrainingData Prepare(long maxInMemoryBytes, TrainingOptions options, int input = Input) =>
        TrainingData.Prepare(DatasetReader.Open(_folder.Path, DatasetReadOptions.Default), new TrainingNetwork { Depth = input > 32 ? 18 : 8, InputHeight = input, InputWidth = input }, options,
            DatasetReadOptions.Default, maxInMemoryBytes, normalization: null, CancellationToken.None);

    /// <summary>Mean absolute step between horizontal neighbours of the first channel, per sample of the first training batch.</summary>
    private static double[] Contrasts(TrainingData data, IImageRegion? region)
    {
        var loader = new BatchLoader(data.Train, data.Shape, [], seed: 3, region: region);
        var batch = loader.Batches(EpochOrder.Sequential(data.Train.Count, data.Train.Count), epoch: 1, firstBatch: 0, CancellationToken.None).Single();
        var plane = data.Shape.Height * data.Shape.Width;
        return Enumerable.Range(0, batch.Count).Select(i =>
        {
            var red = batch.Pixels.AsSpan(i * data.Shape.ByteCount, plane);
            double sum = 0;
            for (var y = 0; y < data.Shape.Height; y++)
                for (var x = 1; x < data.Shape.Width; x++)
                    sum += Math.Abs(red[y * data.Shape.Width + x] - red[y * data.Shape.Width + x - 1]);
            return sum / (data.Shape.Height * (data.Shape.Width - 1));
        }).ToArray();
    }
}
