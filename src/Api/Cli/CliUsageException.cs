namespace ResNetService.Api.Cli;

/// <summary>A command line that cannot be run as given; the message says what to change.</summary>
public sealed class CliUsageException(string message) : Exception(message);
