using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Hosting.Endpoints;
using ResNetService.Api.Security;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Architectures;

public static class ArchitecturesApi
{
    public static IEndpointRouteBuilder MapArchitecturesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/architectures/summary", Summarize)
            .WithTags(ApiTags.Architectures)
            .RequireScope(Scopes.Read)
            .WithName("SummarizeArchitecture")
            .WithSummary("Shapes, parameters and multiply-adds of a configuration, without building it.")
            .WithDescription("A preset depth (inputs up to 32 px: basic units 6n+2, bottleneck units 9n+2; larger inputs: 18, 34, 50, 101, 152, 200, 269), or explicit units per stage and filters (stem first), "
                + "for an input shape and class count: per layer or unit the output shape, parameters and multiply-adds, then the totals.")
            .Refuses(StatusCodes.Status400BadRequest, "The configuration is not a valid ResNet: errors names each field (depth, units, filters, classes, ...).");
        return app;
    }

    public static Results<Ok<ArchitectureSummary>, ValidationProblem> Summarize(SummaryRequest request)
    {
        try
        {
            return TypedResults.Ok(ArchitectureSummary.Of(request.Resolve()));
        }
        catch (InvalidArchitectureException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary());
        }
    }
}
