using ResNetService.Api.Tests.Deployment;

namespace ResNetService.Api.Tests.Architecture;

/// <summary>
/// Namespaces do not import each other in loops, so a folder can be read, and changed, knowing only the folders it
/// uses.
/// </summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void NoNamespaceImportsItselfThroughOthers()
    {
        var loops = NamespaceGraph.Read(Repository.Root).Loops();

        Assert.True(loops.Count == 0, "Namespaces that import each other in a loop (each import with the types that make it):\n"
            + string.Join("\n\n", loops.Select(loop => string.Join("\n", loop))));
    }
}
