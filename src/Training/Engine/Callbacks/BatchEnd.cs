namespace ResNetService.Training.Engine.Callbacks;

/// <summary>One optimiser step as the session ran it.</summary>
/// <param name="Seconds">The step's forward, backward and update, batch loading excluded.</param>
public sealed record BatchEnd(int Images, double LearningRate, double Seconds);
