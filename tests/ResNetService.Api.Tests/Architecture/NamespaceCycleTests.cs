using Microsoft.CodeAnalysis;
using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Architecture;

/// <summary>
/// Namespaces do not import each other in loops, so a folder can be read, and changed, knowing only the folders it
/// uses. The loops some namespaces are still in are named here; taking one apart means striking it.
/// </summary>
public sealed class NamespaceCycleTests
{
    /// <summary>Being taken apart in changes of their own (issue 21): every loop through them is left out here.</summary>
    private static readonly HashSet<string> Pending = ["ResNetService.Api.Jobs"];

    /// <summary>The imports that still close a loop without them.</summary>
    private static readonly (string From, string To)[] KnownLoops =
    [
        // The models' endpoints warm and forget served models; serving looks models up in the model store.
        ("ResNetService.Api.Models", "ResNetService.Api.Classification"),
        // Records read before the database existed name a model's checkpoint as the model store does.
        ("ResNetService.Api.Records", "ResNetService.Api.Models"),
        // The datasets' endpoints queue health checks; a health check reads the dataset store.
        ("ResNetService.Api.Datasets", "ResNetService.Api.Datasets.Health"),
        // The sweeps' row is kept with the sweeps (as a run's state is with the jobs), and the records' context maps it.
        ("ResNetService.Api.Records", "ResNetService.Api.Sweeps"),
    ];

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(Repository.Root));

    [Fact]
    public void NoNamespaceImportsItselfThroughOthers()
    {
        var loops = Graph.Value.Without(Pending, KnownLoops).Loops();

        Assert.True(loops.Count == 0, "Namespaces that import each other in a loop (each import with the types that make it):\n"
            + string.Join("\n\n", loops.Select(loop => string.Join("\n", loop))));
    }

    [Fact]
    public void EveryKnownLoopIsStillALoop()
    {
        var graph = Graph.Value.Without(Pending, []);

        var gone = KnownLoops.Where(known => !graph.Imports(known.From, known.To) || !graph.Reaches(known.To, known.From)).ToList();

        Assert.True(gone.Count == 0, $"No longer a loop, strike it from {nameof(KnownLoops)}: {string.Join(", ", gone)}");
    }
}
