using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Security;
using ResNetService.Model.Architecture;

namespace ResNetService.Api.Architectures;

public static class ArchitecturesApi
{
    public static IEndpointRouteBuilder MapArchitecturesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/architectures/summary", Summarize)
            .WithTags("Architectures")
            .RequireScope(Scopes.Read)
            .WithSummary("Shapes, parameters and multiply-adds of a configuration, without building it.");
        return app;
    }

    public static Results<Ok<ArchitectureSummary>, ValidationProblem> Summarize(ArchitectureRequest request)
    {
        try
        {
            return TypedResults.Ok(ArchitectureSummary.Of(ResNetConfigResolver.Resolve(request.ToSpec())));
        }
        catch (InvalidArchitectureException e)
        {
            return TypedResults.ValidationProblem(e.Errors.ToDictionary());
        }
    }
}
