using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;

namespace ResNetService.Model.Preprocessing;

/// <summary>The image formats a dataset may contain (and /classify accepts), and how they are decoded.</summary>
public static class DecodingConfiguration
{
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"], StringComparer.OrdinalIgnoreCase);

    public static Configuration Instance { get; } = Create();

    public static bool IsImageFile(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    private static Configuration Create()
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(),
            new PngConfigurationModule(),
            new BmpConfigurationModule(),
            new GifConfigurationModule(),
            new WebpConfigurationModule())
        {
            // Images are decoded many at once (a loader worker per core, a decode slot per core in serving); splitting one
            // image's rows across the thread pool as well only adds scheduling and threads competing for the same cores.
            MaxDegreeOfParallelism = 1,
        };
        // An animated GIF is one training sample; decoding every frame would only cost memory.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
