namespace ResNetService.Training.Data.Archives;

public enum ArchiveKind
{
    Zip,
    Tar,
    TarGz,
}
