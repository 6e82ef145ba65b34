using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ResNetService.Api.Security;

namespace ResNetService.Api.Hosting.Limits;

/// <summary>
/// ASP.NET Core's rate limiter on classification and uploads, one bucket per key (per client address for requests
/// without one), and on the event streams open at once. A refused request gets 429 with <c>Retry-After</c>, as a
/// problem, before its body is read.
/// </summary>
public static class RateLimits
{
    public const string Classify = "classify";
    public const string Uploads = "uploads";
    public const string EventStreams = "event-streams";

    public static IServiceCollection AddServiceRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Classify, context =>
            {
                var perMinute = Options(context).ClassifyPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(Partition(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
                    QueueLimit = 0, AutoReplenishment = true,
                });
            });
            limiter.AddPolicy(Uploads, context => RateLimitPartition.GetFixedWindowLimiter(Partition(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Options(context).UploadsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
            }));
            // A stream holds its permit until it ends, so this counts the streams open now.
            limiter.AddPolicy(EventStreams, context => RateLimitPartition.GetConcurrencyLimiter(Partition(context), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Options(context).EventStreamsPerKey, QueueLimit = 0,
            }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var streams = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == EventStreams;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = 429, Title = "Too many requests",
                        Detail = streams
                            ? $"This key (or address) has {Options(http).EventStreamsPerKey} event streams open, as many as RateLimits:EventStreamsPerKey allows; close one first."
                            : $"This key (or address) has used its share for now; try again in {seconds} s.",
                    },
                });
            };
        });
        return services;
    }

    private static RateLimitOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string Partition(HttpContext context) =>
        context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) is { } keyId ? $"key:{keyId}"
        : context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyNameClaim) == "configuration" ? "key:configuration"
        : $"address:{context.Connection.RemoteIpAddress}";
}
