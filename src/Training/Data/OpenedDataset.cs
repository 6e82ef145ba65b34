namespace ResNetService.Training.Data;

public sealed class OpenedDataset
{
    public OpenedDataset(DatasetManifest manifest, IImageSource train, IImageSource? validation, IImageSource? test)
    {
        Manifest = manifest;
        Train = train;
        Validation = validation;
        Test = test;
    }

    public DatasetManifest Manifest { get; }

    public IImageSource Train { get; }

    public IImageSource? Validation { get; }

    public IImageSource? Test { get; }
}
