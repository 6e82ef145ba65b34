using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResNetService.Api.Tests.Architecture;

/// <summary>
/// Which of the service's namespaces imports which, read from the source as the compiler binds it: one imports another
/// when its code names a type of the other, or calls one of its extension methods. Doc comments do not count.
/// </summary>
internal sealed class NamespaceGraph
{
    /// <summary>In build order: each is compiled against those before it.</summary>
    private static readonly string[] Projects = ["src/Model", "src/Training", "src/Api"];

    private const int ShownUses = 4;

    /// <summary>Importing namespace, imported namespace, and the uses that make the import ("Type -> Type").</summary>
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _imports;

    private NamespaceGraph(Dictionary<string, Dictionary<string, SortedSet<string>>> imports) => _imports = imports;

    public static NamespaceGraph Read(string repository)
    {
        // The test host's own assemblies: the framework, ASP.NET Core and every package the service uses.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith(nameof(ResNetService), StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
        var imports = new Dictionary<string, Dictionary<string, SortedSet<string>>>();
        foreach (var project in Projects)
        {
            var folder = Path.Combine(repository, project);
            var trees = SourceFiles(folder).Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path)).ToList();
            var compilation = CSharpCompilation.Create(Path.GetFileName(project), trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            foreach (var tree in trees)
                Collect(compilation.GetSemanticModel(tree), imports);
            references.Add(compilation.ToMetadataReference());
        }
        return new NamespaceGraph(imports);
    }

    private bool Reaches(string from, string to)
    {
        var seen = new HashSet<string> { from };
        var next = new Queue<string>([from]);
        while (next.TryDequeue(out var current))
        {
            if (current == to)
                return true;
            foreach (var imported in Imported(current).Where(seen.Add))
                next.Enqueue(imported);
        }
        return false;
    }

    /// <summary>Each set of namespaces that import one another in a loop, as its imports with the uses that make them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Loops()
    {
        var namespaces = _imports.Keys.Concat(_imports.Values.SelectMany(imported => imported.Keys)).Distinct().Order(StringComparer.Ordinal);
        return namespaces.Select(from => namespaces.Where(to => Reaches(from, to) && Reaches(to, from)).ToHashSet())
            .Where(loop => loop.Count > 1).DistinctBy(loop => string.Join(" ", loop.Order(StringComparer.Ordinal)))
            .Select(loop => (IReadOnlyList<string>)loop.Order(StringComparer.Ordinal)
                .SelectMany(from => Imported(from).Where(loop.Contains).Select(to => $"{from} -> {to}: {string.Join(", ", _imports[from][to].Take(ShownUses))}"))
                .ToList())
            .ToList();
    }

    private IEnumerable<string> Imported(string from) => _imports.TryGetValue(from, out var imported) ? imported.Keys : [];

    /// <summary>The project's files, with the global usings the SDK generated for its build.</summary>
    private static IEnumerable<string> SourceFiles(string folder)
    {
        var built = Path.Combine(folder, "obj");
        var globalUsings = Directory.Exists(built) ? Directory.EnumerateFiles(built, "*.GlobalUsings.g.cs", SearchOption.AllDirectories).Take(1) : [];
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"))
            .Concat(globalUsings);
    }

    private static void Collect(SemanticModel model, Dictionary<string, Dictionary<string, SortedSet<string>>> imports)
    {
        foreach (var name in model.SyntaxTree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (name is IdentifierNameSyntax { IsVar: true }
                || name.FirstAncestorOrSelf<BaseNamespaceDeclarationSyntax>() is not { } declaration
                || model.GetDeclaredSymbol(declaration)?.ToDisplayString() is not { } from)
                continue;
            var info = model.GetSymbolInfo(name);
            if (OutermostType(info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not { } type)
                continue;
            var to = type.ContainingNamespace.ToDisplayString();
            if (to == from || !to.StartsWith(nameof(ResNetService) + ".", StringComparison.Ordinal))
                continue;
            var user = name.Ancestors().OfType<BaseTypeDeclarationSyntax>().LastOrDefault()?.Identifier.Text ?? Path.GetFileName(model.SyntaxTree.FilePath);
            if (!imports.TryGetValue(from, out var imported))
                imports[from] = imported = [];
            if (!imported.TryGetValue(to, out var uses))
                imported[to] = uses = new SortedSet<string>(StringComparer.Ordinal);
            uses.Add($"{user} -> {type.Name}");
        }
    }

    /// <summary>The top-level type a name stands for or belongs to: the type itself, or the type a member, an extension method among them, belongs to.</summary>
    private static INamedTypeSymbol? OutermostType(ISymbol? symbol)
    {
        var type = symbol switch
        {
            null or INamespaceSymbol => null,
            INamedTypeSymbol named => named,
            _ => symbol.ContainingType,
        };
        while (type?.ContainingType is { } outer)
            type = outer;
        return type;
    }
}
