namespace ResNetService.Api.Datasets.Health;

public enum DatasetHealthState
{
    Queued,
    Running,
    Done,
    Failed,
}
