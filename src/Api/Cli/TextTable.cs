namespace ResNetService.Api.Cli;

/// <summary>
/// A plain-text table whose columns are as wide as their content; when that is wider than the terminal, the one
/// wrapping column gives up the difference and its cells continue on the next lines, so no line runs past the edge.
/// </summary>
internal sealed class TextTable(params TextColumn[] columns)
{
    private const string Gap = "  ";
    private const int NarrowestWrap = 12;

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
        var total = widths.Sum() + Gap.Length * (widths.Length - 1);
        if (maxWidth is { } max && total > max && wrap >= 0)
        {
            widths[wrap] = Math.Max(Math.Max(NarrowestWrap, columns[wrap].Header.Length), widths[wrap] - (total - max));
            total = widths.Sum() + Gap.Length * (widths.Length - 1);
        }

        WriteRow(output, columns.Select(c => c.Header).ToArray(), widths, wrap);
        output.WriteLine(new string('-', total));
        foreach (var row in _rows)
            WriteRow(output, row, widths, wrap);
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths, int wrap)
    {
        var wrapped = wrap >= 0 ? Wrap(cells[wrap], widths[wrap]) : [];
        for (var line = 0; line < Math.Max(1, wrapped.Count); line++)
        {
            var parts = cells.Select((cell, i) =>
            {
                var text = i == wrap ? wrapped.ElementAtOrDefault(line) ?? "" : line == 0 ? cell : "";
                return columns[i].AlignRight ? text.PadLeft(widths[i]) : text.PadRight(widths[i]);
            });
            output.WriteLine(string.Join(Gap, parts).TrimEnd());
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
