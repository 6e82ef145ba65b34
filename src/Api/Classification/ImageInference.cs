using ResNetService.Model.Explanation;

namespace ResNetService.Api.Classification;

/// <summary>One image's class probabilities, and the Grad-CAM map of its top class when an explanation was asked for.</summary>
public sealed record ImageInference(float[] Probabilities, ClassActivationMap? Map);
