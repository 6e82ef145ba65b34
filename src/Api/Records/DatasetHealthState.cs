namespace ResNetService.Api.Records;

public enum DatasetHealthState
{
    Queued,
    Running,
    Done,
    Failed,
}
