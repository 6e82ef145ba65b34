namespace ResNetService.Api.Cli;

/// <param name="Wraps">The column that wraps at word boundaries when the table is wider than the terminal.</param>
internal sealed record TextColumn(string Header, bool AlignRight = false, bool Wraps = false);
