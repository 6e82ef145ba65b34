using ResNetService.Api.Datasets;
using ResNetService.Api.Datasets.Health;
using ResNetService.Api.Jobs.Worker;
using ResNetService.Api.Models;
using ResNetService.Api.Runs;

namespace ResNetService.Api.Jobs;

/// <summary>What queueing a job (<c>POST /jobs</c>, <c>POST /jobs/{id}/resume</c>) works with, bound as one parameter.</summary>
public sealed record JobServices(DatasetStore Datasets, DatasetHealthStore Health, ModelStore Models, RunStore Runs, JobScheduler Scheduler);
