namespace ResNetService.Api.Runs;

/// <summary>What a run trains on or from, which may have been deleted before it was recorded or resumed.</summary>
public enum RunInput
{
    Dataset,
    SourceModel,
}
