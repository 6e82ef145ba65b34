using Microsoft.Extensions.Options;
using ResNetService.Api.Hosting.Limits;
using ResNetService.Api.Models;
using ResNetService.Api.Telemetry;

namespace ResNetService.Api.Classification;

/// <summary>What <c>POST /classify</c> works with, bound as one parameter so that the handler's others are the request's own.</summary>
public sealed record ClassifyServices(
    ModelLookup Models,
    ModelStore Store,
    InferenceQueue Queue,
    ImagePreprocessor Preprocessor,
    DecodeSlots Decoding,
    ServingTelemetry Telemetry,
    IOptions<LimitsOptions> Limits,
    IOptions<ClassificationOptions> Options);
