using System.IO.Compression;
using ResNetService.Training.Synthetic;

namespace ResNetService.Api.Tests.Support;

/// <summary>The training engine's generated square-size tasks as IDX dataset zips, ready for POST /datasets.</summary>
public static class GeneratedTasks
{
    public const int Side = 16;

    public static byte[] IdxZip(int trainCount, int testCount, int classes, int seed)
    {
        var folder = Directory.CreateTempSubdirectory("resnet-task-").FullName;
        try
        {
            SyntheticDatasetWriter.WriteIdx(folder, trainCount, testCount, classes, Side, seed);
            using var buffer = new MemoryStream();
            ZipFile.CreateFromDirectory(folder, buffer);
            return buffer.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
