using System.Numerics;

namespace ResNetService.Training.Health;

/// <summary>
/// The small RGB copy each image is decoded to once: 64 rows by 72 columns, so that 8×8 blocks of it make the 8×9
/// luminance grid of a 64-bit difference hash, with enough pixels left to tell colour from gray.
/// </summary>
internal static class Thumbnail
{
    public const int Height = 64;
    public const int Width = 72;
    public const int ByteCount = 3 * Height * Width;

    private const int GridRows = 8;
    private const int GridColumns = 9;
    private const int Block = 8;

    // JPEG chroma subsampling and rounding leave gray images a level or two off; real colour differs by far more.
    private const int ChromaTolerance = 12;
    private const double ColourPixelFraction = 0.01;

    // A grid whose blocks all lie within this many levels has no structure to hash: every flat image would match every other.
    private const double FlatRange = 2;

    public static SampleFacts Facts(string contentHash, int width, int height, ReadOnlySpan<byte> rgb)
    {
        var grid = LuminanceGrid(rgb);
        var hash = 0UL;
        for (var row = 0; row < GridRows; row++)
        {
            for (var column = 0; column < GridColumns - 1; column++)
            {
                hash <<= 1;
                if (grid[row * GridColumns + column] < grid[row * GridColumns + column + 1])
                    hash |= 1;
            }
        }

        var isFlat = grid.Max() - grid.Min() < FlatRange;
        return new SampleFacts(contentHash, width, height, IsColour(rgb), hash, isFlat, Problem: null);
    }

    public static int Distance(ulong first, ulong second) => BitOperations.PopCount(first ^ second);

    private static double[] LuminanceGrid(ReadOnlySpan<byte> rgb)
    {
        const int plane = Height * Width;
        var grid = new double[GridRows * GridColumns];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = y * Width + x;
                grid[y / Block * GridColumns + x / Block] += 0.299 * rgb[i] + 0.587 * rgb[plane + i] + 0.114 * rgb[2 * plane + i];
            }
        }

        for (var cell = 0; cell < grid.Length; cell++)
            grid[cell] /= Block * Block;
        return grid;
    }

    private static bool IsColour(ReadOnlySpan<byte> rgb)
    {
        const int plane = Height * Width;
        var colourPixels = 0;
        for (var i = 0; i < plane; i++)
        {
            int r = rgb[i], g = rgb[plane + i], b = rgb[2 * plane + i];
            if (Math.Max(Math.Abs(r - g), Math.Max(Math.Abs(g - b), Math.Abs(r - b))) > ChromaTolerance)
                colourPixels++;
        }

        return colourPixels > ColourPixelFraction * plane;
    }
}
