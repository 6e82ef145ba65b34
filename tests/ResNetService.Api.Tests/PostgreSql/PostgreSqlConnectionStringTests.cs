using Npgsql;
using ResNetService.Api.Hosting.PostgreSql;

namespace ResNetService.Api.Tests.PostgreSql;

public sealed class PostgreSqlConnectionStringTests
{
    [Fact]
    public void TurnsGssEncryptionOffWhenTheStringDoesNotChoose()
    {
        var connection = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString.WithDefaults("Host=postgres;Database=resnet;Username=u;Password=p;Pooling=true"));

        Assert.Equal(GssEncryptionMode.Disable, connection.GssEncryptionMode);
        Assert.Equal(("postgres", "resnet", "u", "p", true), (connection.Host, connection.Database, connection.Username, connection.Password, connection.Pooling));
    }

    [Theory]
    [InlineData("Host=db;GSS Encryption Mode=Require", GssEncryptionMode.Require)]
    [InlineData("Host=db;gssencryptionmode=Prefer", GssEncryptionMode.Prefer)]
    public void KeepsTheChoiceTheStringMakes(string given, GssEncryptionMode expected)
    {
        Assert.Equal(given, PostgreSqlConnectionString.WithDefaults(given));
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(given).GssEncryptionMode);
    }
}
