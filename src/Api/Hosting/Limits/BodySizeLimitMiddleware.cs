using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ResNetService.Api.Hosting.Limits;

/// <summary>
/// Applies the endpoint's <see cref="BodySizeLimit"/> (else <see cref="LimitsOptions.MaxRequestBytes"/>): a declared
/// length over it is refused before a byte is read, and the server stops a chunked body once it passes it.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> limits, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = context.GetEndpoint()?.Metadata.GetMetadata<BodySizeLimit>()?.MaxBytes ?? limits.Value.MaxRequestBytes;
        if (context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Title = "Request too large", Detail = $"This endpoint accepts at most {max} bytes; the request declares {context.Request.ContentLength}." },
            });
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = max;
        await next(context);
    }
}
