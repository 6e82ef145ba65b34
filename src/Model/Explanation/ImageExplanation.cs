namespace ResNetService.Model.Explanation;

/// <summary>One image's class probabilities and the Grad-CAM map of its most probable class.</summary>
public sealed record ImageExplanation(float[] Probabilities, ClassActivationMap Map);
