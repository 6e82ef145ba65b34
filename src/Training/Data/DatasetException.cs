namespace ResNetService.Training.Data;

/// <summary>A dataset or archive that cannot be used; the message names the file and the problem.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
