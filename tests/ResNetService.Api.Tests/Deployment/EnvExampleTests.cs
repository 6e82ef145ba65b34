using System.Text.RegularExpressions;

namespace ResNetService.Api.Tests.Deployment;

/// <summary>.env.example: every variable the compose files use, no stale ones, and no secret in it.</summary>
public sealed partial class EnvExampleTests
{
    private static IReadOnlyDictionary<string, bool> VariablesUsed()
    {
        var used = new Dictionary<string, bool>();
        foreach (var path in new[] { Stack.ComposePath, Stack.CpuComposePath })
        {
            foreach (var (name, required) in ComposeFile.VariablesUsed(Repository.Read(path)))
                used[name] = used.GetValueOrDefault(name) || required;
        }
        return used;
    }

    [Fact]
    public void DefinesEveryVariableTheComposeFilesUseAndNoOther()
    {
        var defined = Stack.EnvExample.Values.Keys.ToHashSet();
        var used = VariablesUsed().Keys.ToHashSet();

        var missing = used.Except(defined).ToList();
        Assert.True(missing.Count == 0, $"{Stack.EnvExamplePath} lacks {string.Join(", ", missing)}.");
        // COMPOSE_* variables configure docker compose itself.
        var stale = defined.Except(used).Where(name => !name.StartsWith("COMPOSE_", StringComparison.Ordinal)).ToList();
        Assert.True(stale.Count == 0, $"{Stack.EnvExamplePath} defines {string.Join(", ", stale)}, which no compose file uses.");
    }

    [Fact]
    public void HoldsNoSecret()
    {
        var values = Stack.EnvExample.Values;
        foreach (var (name, required) in VariablesUsed())
        {
            if (required || SecretName().IsMatch(name))
                Assert.True(values.GetValueOrDefault(name) == "", $"{name} must be left empty in {Stack.EnvExamplePath}, for the user to fill in.");
        }
        Assert.Contains(VariablesUsed(), v => v.Value);
        Assert.All(values, pair => Assert.False(SecretLooking().IsMatch(pair.Value), $"{pair.Key}={pair.Value} looks like a real secret."));
    }

    [Fact]
    public void RealEnvFileStaysOutOfGitAndTheImage()
    {
        Assert.Contains(".env", Repository.Read(".gitignore").Split('\n').Select(l => l.Trim()));
        Assert.Contains(".env", Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()));
    }

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|(^|_)KEY$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    /// <summary>A long run of letters and digits (and base64/hex punctuation) mixing both: a generated key or password.</summary>
    [GeneratedRegex(@"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/=_\-]{16,}$")]
    private static partial Regex SecretLooking();
}
