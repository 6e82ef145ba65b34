using ResNetService.Training.Data.Archives;

namespace ResNetService.Training.Data.Formats;

public static class DatasetReader
{
    internal const string AcceptedFormats =
        "Accepted formats: image folders (one sub-folder per class, optionally under train/, val/ and test/) of JPEG, PNG, BMP, GIF or WebP files; " +
        "IDX as in MNIST (train-images-idx3-ubyte and train-labels-idx1-ubyte, optionally t10k-*, each optionally .gz); " +
        "CIFAR-10 binary (data_batch_1.bin … data_batch_5.bin, test_batch.bin); CIFAR-100 binary (train.bin, test.bin).";

    /// <summary>Opens an already extracted dataset, detecting its format from the files it contains.</summary>
    /// <exception cref="DatasetException">The folder holds no usable dataset; the message says why.</exception>
    public static OpenedDataset Open(string folder, DatasetReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(folder))
        {
            throw new DatasetException($"Dataset folder '{folder}' does not exist.");
        }

        var root = DatasetRoot.Resolve(folder);
        if (IdxDataset.IsPresent(root))
        {
            return IdxDataset.Open(root);
        }

        if (CifarDataset.IsCifar10(root))
        {
            return CifarDataset.OpenCifar10(root);
        }

        if (CifarDataset.IsCifar100(root))
        {
            return CifarDataset.OpenCifar100(root);
        }

        if (ImageFolderLayout.IsPresent(root))
        {
            return ImageFolderDataset.Open(root, options);
        }

        throw new DatasetException($"'{folder}' holds no recognisable dataset. {AcceptedFormats}");
    }

    /// <summary>Whether <see cref="Open"/> reads <paramref name="root"/> as records of pixels (IDX or CIFAR) rather than image files.</summary>
    internal static bool HoldsRecords(string root) => IdxDataset.IsPresent(root) || CifarDataset.IsCifar10(root) || CifarDataset.IsCifar100(root);

    /// <summary>Extracts <paramref name="archivePath"/> into the empty <paramref name="extractionFolder"/> and opens it.</summary>
    public static OpenedDataset OpenArchive(string archivePath, string extractionFolder, DatasetReadOptions options, ExtractionLimits limits)
    {
        ArchiveExtractor.Extract(archivePath, extractionFolder, limits);
        return Open(extractionFolder, options);
    }
}
