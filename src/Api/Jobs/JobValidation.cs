using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ResNetService.Api.Records;
using ResNetService.Model.Architecture;
using ResNetService.Training.Data;
using ResNetService.Training.Engine;

namespace ResNetService.Api.Jobs;

/// <summary>Everything wrong with a job request, field by field (<c>datasetId</c>, <c>model.depth</c>, <c>training.epochs</c>...).</summary>
public static class JobValidation
{
    public static Dictionary<string, string[]> Validate(CreateJobRequest request, DatasetRow? dataset)
    {
        var errors = new Dictionary<string, string[]>();
        if (dataset is null)
            errors["datasetId"] = [$"There is no dataset with id '{request.DatasetId}'."];
        if (request.Model is null)
            errors["model"] = ["Give the network to train, e.g. { \"depth\": 20 }."];
        var training = request.Training ?? new TrainingOptions();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(training, new ValidationContext(training), results, validateAllProperties: true))
            foreach (var result in results)
                foreach (var member in result.MemberNames)
                    errors[$"training.{JsonNamingPolicy.CamelCase.ConvertName(member)}"] = [result.ErrorMessage ?? "Out of range."];
        if (dataset is not null && request.Model is not null)
        {
            try
            {
                TrainingData.ConfigFor(dataset.Manifest, request.Model.ToRequest());
            }
            catch (InvalidArchitectureException e)
            {
                foreach (var (field, messages) in e.Errors)
                    errors[$"model.{field}"] = messages;
            }
        }
        return errors;
    }

}
