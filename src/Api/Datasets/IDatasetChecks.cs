namespace ResNetService.Api.Datasets;

/// <summary>
/// What happens to a dataset once it is registered: its health check is queued. The health checks implement it, so the
/// datasets need not know them (a health check reads the dataset store).
/// </summary>
public interface IDatasetChecks
{
    void Queue(string datasetId);
}
