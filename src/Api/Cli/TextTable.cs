namespace ResNetService.Api.Cli;

/// <summary>
/// A plain-text table whose columns are as wide as their content; when that is wider than the terminal, the one
/// wrapping column gives up the difference (its cells continue on the next lines), then the gaps between columns shrink.
/// </summary>
internal sealed class TextTable(params TextColumn[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"The table has {columns.Length} columns, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    /// <param name="maxWidth">The terminal's width; null: no limit (a file or a pipe).</param>
    public void Write(TextWriter output, int? maxWidth)
    {
        var widths = columns.Select((c, i) => _rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        var wrap = Array.FindIndex(columns, c => c.Wraps);
        var gap = "  ";
        if (maxWidth is { } max && wrap >= 0)
        {
            // Narrower by wrapping between words; then by closer columns; only then by breaking words.
            var longestWord = _rows.SelectMany(r => r[wrap].Split(' ')).Append(columns[wrap].Header).Max(w => w.Length);
            widths[wrap] = Math.Max(longestWord, widths[wrap] - Math.Max(0, Width(widths, gap) - max));
            if (Width(widths, gap) > max)
                gap = " ";
            widths[wrap] = Math.Max(columns[wrap].Header.Length, widths[wrap] - Math.Max(0, Width(widths, gap) - max));
        }

        WriteRow(output, columns.Select(c => c.Header).ToArray(), widths, wrap, gap);
        output.WriteLine(new string('-', Width(widths, gap)));
        foreach (var row in _rows)
            WriteRow(output, row, widths, wrap, gap);
    }

    private static int Width(int[] widths, string gap) => widths.Sum() + gap.Length * (widths.Length - 1);

    private void WriteRow(TextWriter output, string[] cells, int[] widths, int wrap, string gap)
    {
        var wrapped = wrap >= 0 ? Wrap(cells[wrap], widths[wrap]) : [];
        for (var line = 0; line < Math.Max(1, wrapped.Count); line++)
        {
            var parts = cells.Select((cell, i) =>
            {
                var text = i == wrap ? wrapped.ElementAtOrDefault(line) ?? "" : line == 0 ? cell : "";
                return columns[i].AlignRight ? text.PadLeft(widths[i]) : text.PadRight(widths[i]);
            });
            output.WriteLine(string.Join(gap, parts).TrimEnd());
        }
    }

    /// <summary>Lines of at most <paramref name="width"/> characters, broken between words (inside a word only when it alone is longer).</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            var candidate = current.Length == 0 ? rest : $"{current} {rest}";
            if (candidate.Length <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0)
                lines.Add(current);
            while (rest.Length > width)
            {
                lines.Add(rest[..width]);
                rest = rest[width..];
            }
            current = rest;
        }
        lines.Add(current);
        return lines;
    }
}
