namespace ResNetService.Training.Data;

public enum ArchiveKind
{
    Zip,
    Tar,
    TarGz,
}
