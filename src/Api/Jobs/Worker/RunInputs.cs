using ResNetService.Api.Records;

namespace ResNetService.Api.Jobs.Worker;

/// <summary>What a run reads at its start: its dataset, and the model it starts from (null: trained from scratch).</summary>
public sealed record RunInputs(DatasetRow Dataset, ModelRow? Source);
