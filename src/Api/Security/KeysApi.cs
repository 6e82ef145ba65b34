using Microsoft.AspNetCore.Http.HttpResults;
using ResNetService.Api.Hosting.Endpoints;

namespace ResNetService.Api.Security;

public static class KeysApi
{
    public const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/keys").WithTags(ApiTags.Keys).RequireScope(Scopes.Admin);

        api.MapPost("/", CreateKey)
            .WithName("CreateKey")
            .WithSummary("Make a key with scopes; its secret is in this answer only.")
            .WithDescription("Send the secret as X-Api-Key or 'Authorization: Bearer <secret>'. The service keeps only its hash.")
            .Refuses(StatusCodes.Status400BadRequest, "The name is empty or too long, or a scope is unknown.");
        api.MapGet("/", ListKeys)
            .WithName("ListKeys")
            .WithSummary("The keys made at run time (never their secrets).")
            .WithDescription("Each with its scopes, the first characters of its secret (to recognise it by) and when it was last used.");
        api.MapDelete("/{id}", RevokeKey)
            .WithName("RevokeKey")
            .WithSummary("Revoke a key; it is refused from the next request on.")
            .WithDescription("The bootstrap key (Auth:ApiKey) is not listed here and cannot be revoked this way: change the configuration.")
            .Refuses(StatusCodes.Status404NotFound, "There is no key with this id.");
        return app;
    }

    public static Results<Created<CreatedApiKey>, ValidationProblem> CreateKey(CreateKeyRequest request, ApiKeyStore keys)
    {
        var errors = Validate(request.Name, request.Scopes ?? [], out var scopes);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var (key, secret) = keys.Create(request.Name.Trim(), scopes!);
        return TypedResults.Created($"/keys/{key.Id}", new CreatedApiKey(ApiKeyDetails.Of(key), secret));
    }

    public static Ok<List<ApiKeyDetails>> ListKeys(ApiKeyStore keys) => TypedResults.Ok(keys.List().Select(ApiKeyDetails.Of).ToList());

    /// <param name="id">The key's id.</param>
    public static Results<NoContent, ProblemHttpResult> RevokeKey(string id, ApiKeyStore keys) =>
        keys.Revoke(id) ? TypedResults.NoContent() : Problems.NotFound("Key", id);

    /// <summary>The same checks for the API and the <c>keys create</c> verb.</summary>
    public static Dictionary<string, string[]> Validate(string? name, IEnumerable<string> scopeNames, out IReadOnlyList<string>? scopes)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl))
            errors["name"] = [$"Give the key a name of 1 to {MaxNameLength} printable characters."];
        scopes = Scopes.Parse(scopeNames, out var problem);
        if (problem is not null)
            errors["scopes"] = [problem];
        return errors;
    }
}
