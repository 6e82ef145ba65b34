using System.Text;

namespace ResNetService.Training.Health;

internal static class ClassNameCheck
{
    public static (IReadOnlyList<ClassNameClash> Section, HealthFinding Finding) Run(IReadOnlyList<string> classes)
    {
        var clashes = classes.GroupBy(Normalised).Where(group => group.Count() > 1).Select(group => new ClassNameClash([.. group])).ToArray();
        var finding = clashes.Length > 0
            ? new HealthFinding(HealthChecks.ClassNames, HealthVerdicts.Problem,
                $"Class names that differ only by case or spacing: {string.Join("; ", clashes.Select(clash => string.Join(", ", clash.Classes.Select(name => $"'{name}'"))))}. "
                + "Each is likely one class split in two; merge their folders.")
            : new HealthFinding(HealthChecks.ClassNames, HealthVerdicts.Ok, "Class names are distinct.");
        return (clashes, finding);
    }

    /// <summary>Lower case, without white space, underscores or hyphens.</summary>
    private static string Normalised(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-')))
            builder.Append(char.ToLowerInvariant(character));
        return builder.ToString();
    }
}
