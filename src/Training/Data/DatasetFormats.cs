namespace ResNetService.Training.Data;

public static class DatasetFormats
{
    public const string ImageFolder = "image-folder";
    public const string Idx = "idx";
    public const string Cifar10 = "cifar-10";
    public const string Cifar100 = "cifar-100";
}
