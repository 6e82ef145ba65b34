using System.Net;
using ResNetService.Api.Tests.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Api.Tests.Cli;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task AKeyMadeOnTheCommandLineWorksInTheRunningServiceUntilRevoked()
    {
        using var factory = KeyedService.Start();
        factory.CreateClient();

        var (exit, output, error) = CliRunner.Run("keys", "create", "--name", "ci", "--scopes", "train,read", "--data-root", factory.DataRoot);

        Assert.True(exit == 0, error);
        var values = CliRunner.Lines(output).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("read,train", values["scopes"]);
        var ci = factory.ClientWith(values["secret"]);
        await (await ci.GetAsync("/datasets")).AssertJson(HttpStatusCode.OK);
        await (await ci.DeleteAsync($"/models/{values["id"]}")).AssertProblem(HttpStatusCode.Forbidden);

        var listed = CliRunner.Run("keys", "list", "--data-root", factory.DataRoot).Output;
        Assert.Contains(values["id"], listed);
        Assert.DoesNotContain(values["secret"], listed);

        Assert.Equal(0, CliRunner.Run("keys", "revoke", values["id"], "--data-root", factory.DataRoot).Exit);
        await (await ci.GetAsync("/datasets")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(1, CliRunner.Run("keys", "revoke", values["id"], "--data-root", factory.DataRoot).Exit);
    }

    [Fact]
    public void UnknownScopesAreAUsageError()
    {
        var folder = Directory.CreateTempSubdirectory("resnet-keys-").FullName;
        try
        {
            var (exit, _, error) = CliRunner.Run("keys", "create", "--name", "x", "--scopes", "read,root", "--data-root", folder);

            Assert.Equal(2, exit);
            Assert.Contains("root", error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
